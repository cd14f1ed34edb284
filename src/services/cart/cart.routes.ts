import type { FastifyReply, FastifyRequest } from 'fastify'
import { bearerSecurity, optionalUser, requireUser, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { addItem } from './add-item.ts'
import { clearCart } from './clear-cart.ts'
import { ownerOf, sendCart } from './cart-owner.ts'
import type { CartDeps } from './cart.deps.ts'
import { MAX_LINE_QUANTITY } from './cart.rules.ts'
import { claimCart, releaseCart } from './claim-cart.ts'
import { AddItemBody, CartDto, CartHeaders, ClaimBody, MergeBody, NoContent, OrderParams, UpdateItemBody, VariantParams } from './cart.dto.ts'
import { getCart } from './get-cart.ts'
import { mergeGuestCart } from './merge-carts.ts'
import { removeItem } from './remove-item.ts'
import { updateItem } from './update-item.ts'

const tags = ['cart']
/** A bearer token is optional (a guest is addressed by X-Cart-Id), but a bad one is refused. */
const guestOrCustomer = [{}, ...bearerSecurity]
const addressing =
  'Signed in (bearer token): the customer\'s one cart, whatever X-Cart-Id says. As a guest: the cart named by X-Cart-Id, which every answer about a guest cart carries. A malformed X-Cart-Id is a 400.'

/** The cart: guests by X-Cart-Id, customers by token; lines priced now from the read model. */
export function cartRoutes(app: App, deps: CartDeps): void {
  /** Idempotency-Key for signed-in customers (guests share no caller scope to keep keys apart). */
  async function customerIdempotency(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (!req.user) return undefined
    return (await app.idempotency.optional.call(app, req, reply)) as FastifyReply | undefined
  }

  app.get(
    '/api/cart',
    {
      preHandler: optionalUser,
      schema: {
        tags,
        summary: 'The cart with current prices and availability',
        description: `${addressing} Without a cart (no X-Cart-Id, or an unknown or expired one) the answer is an empty cart with a null id; nothing is created.`,
        security: guestOrCustomer,
        headers: CartHeaders,
        response: { 200: CartDto },
      },
    },
    async (req, reply) => {
      const owner = ownerOf(req)
      return sendCart(reply, owner, await getCart(deps, owner))
    },
  )

  app.post(
    '/api/cart/items',
    {
      preHandler: [optionalUser, customerIdempotency],
      schema: {
        tags,
        summary: 'Add units of a variant (merged with its line)',
        description: `${addressing} A guest without a live cart gets a new one, and its id in X-Cart-Id. 404 unknown or unsold variant; 409 when the line would hold more than is available (the problem says how many are, in \`available\`); 400 past ${MAX_LINE_QUANTITY} units a line. Signed-in customers may send an Idempotency-Key.`,
        security: guestOrCustomer,
        headers: CartHeaders,
        body: AddItemBody,
        response: { 200: CartDto },
      },
    },
    async (req, reply) => {
      const owner = ownerOf(req)
      return sendCart(reply, owner, await addItem(deps, owner, req.body))
    },
  )

  app.patch(
    '/api/cart/items/:variantId',
    {
      preHandler: optionalUser,
      schema: {
        tags,
        summary: "Set a line's quantity (0 removes it)",
        description: `${addressing} 404 when the cart has no line of this variant; 409 above what is available.`,
        security: guestOrCustomer,
        headers: CartHeaders,
        params: VariantParams,
        body: UpdateItemBody,
        response: { 200: CartDto },
      },
    },
    async (req, reply) => {
      const owner = ownerOf(req)
      return sendCart(reply, owner, await updateItem(deps, owner, { variantId: req.params.variantId, quantity: req.body.quantity }))
    },
  )

  app.delete(
    '/api/cart/items/:variantId',
    {
      preHandler: optionalUser,
      schema: {
        tags,
        summary: 'Remove a line',
        description: `${addressing} Removing a line that is not there answers the cart unchanged.`,
        security: guestOrCustomer,
        headers: CartHeaders,
        params: VariantParams,
        response: { 200: CartDto },
      },
    },
    async (req, reply) => {
      const owner = ownerOf(req)
      return sendCart(reply, owner, await removeItem(deps, owner, req.params.variantId))
    },
  )

  app.delete(
    '/api/cart',
    {
      preHandler: optionalUser,
      schema: {
        tags,
        summary: 'Empty and forget the cart',
        description: `${addressing} 204 whether or not there was a cart.`,
        security: guestOrCustomer,
        headers: CartHeaders,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await clearCart(deps, ownerOf(req))
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/api/cart/merge',
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: "Merge a guest cart into the customer's cart (at sign-in)",
        description:
          "Atomic: every guest line lands (quantities add to the customer's lines), each capped at what is available now, and the guest cart is deleted. Merging a cart that no longer exists answers the customer's cart unchanged, so a retry is safe.",
        security: bearerSecurity,
        body: MergeBody,
        response: { 200: CartDto },
      },
    },
    async (req, reply) => {
      const customer = userOf(req)
      const owner = { kind: 'customer', customerId: customer.id } as const
      return sendCart(reply, owner, await mergeGuestCart(deps, customer.id, req.body.cartId.toLowerCase()))
    },
  )

  // Checkout's side door: the order service takes the cart for the order it places. Not routed
  // by the gateway (clients never call these), and addressed as the caller's cart like the rest.
  app.post(
    '/internal/cart/checkouts',
    {
      preHandler: optionalUser,
      schema: { hide: true, headers: CartHeaders, body: ClaimBody, response: { 200: CartDto } },
    },
    async (req, reply) => {
      const owner = ownerOf(req)
      return sendCart(reply, owner, await claimCart(deps, owner, req.body.orderId))
    },
  )

  app.delete(
    '/internal/cart/checkouts/:orderId',
    { preHandler: optionalUser, schema: { hide: true, headers: CartHeaders, params: OrderParams, response: { 204: NoContent } } },
    async (req, reply) => {
      await releaseCart(deps, ownerOf(req), req.params.orderId)
      return reply.code(204).send(null)
    },
  )
}
