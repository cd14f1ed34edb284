import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { BadRequest } from '../../platform/errors.ts'
import type { CartOwner } from './cart-store.ts'
import { CART_ID_HEADER } from './cart.dto.ts'
import type { CartView } from './cart.rules.ts'

const CartId = z.uuid()

/**
 * Whose cart a request means: with a valid bearer token the customer's, whatever X-Cart-Id says;
 * otherwise the guest cart the header names (none: no cart yet). A malformed header is a 400.
 */
export function ownerOf(req: FastifyRequest): CartOwner {
  if (req.user) return { kind: 'customer', customerId: req.user.id }
  const header = req.headers[CART_ID_HEADER]
  if (header === undefined || header === '') return { kind: 'guest' }
  const parsed = CartId.safeParse(header)
  if (!parsed.success) {
    throw new BadRequest('X-Cart-Id must be the cart id an earlier answer gave (a UUID).', [{ path: `headers.${CART_ID_HEADER}`, message: 'Must be a UUID' }], 'validation_failed')
  }
  return { kind: 'guest', cartId: parsed.data.toLowerCase() }
}

/** Answers a cart: private, never cached, and a guest is told (again) which cart id to send back. */
export function sendCart(reply: FastifyReply, owner: CartOwner, cart: CartView): FastifyReply {
  reply.header('cache-control', 'no-store')
  if (owner.kind === 'guest' && cart.id) reply.header(CART_ID_HEADER, cart.id)
  return reply.send(cart)
}
