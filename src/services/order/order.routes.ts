import type { FastifyRequest } from 'fastify'
import { bearerSecurity, requireUser, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { ListOf } from '../../platform/pagination.ts'
import { cancelOrder } from './cancel-order.ts'
import { getOrder } from './get-order.ts'
import { listMyOrders } from './list-orders.ts'
import type { OrderDeps } from './order.deps.ts'
import { CustomerListQuery, IdParams, OrderDto, OrderSummaryDto, PlaceOrderBody } from './orders.dto.ts'
import { placeOrder } from './place-order.ts'
import { requestReturn } from './request-return.ts'
import { ReturnBody, ReturnDto } from './returns.dto.ts'

const tags = ['orders']
const security = bearerSecurity

/** The caller's bearer header, forwarded when ordering asks other services on their behalf. */
export function authorizationOf(req: FastifyRequest): string {
  return req.headers.authorization ?? ''
}

export function orderRoutes(app: App, deps: OrderDeps): void {
  app.post(
    '/api/orders',
    {
      preHandler: [requireUser, app.idempotency.required],
      schema: {
        tags,
        summary: 'Place an order from the cart (header Idempotency-Key required): 202 pending; the saga confirms or cancels it; 409 checkout_in_progress while another order from the cart is pending',
        security,
        body: PlaceOrderBody,
        response: { 202: OrderDto },
      },
    },
    async (req, reply) => {
      const request = { idempotencyKey: String(req.headers['idempotency-key']), recordAnswer: app.idempotency.answerIn(req) }
      return reply.code(202).send(await placeOrder(deps, userOf(req), authorizationOf(req), req.body, request))
    },
  )

  app.get(
    '/api/orders',
    {
      preHandler: requireUser,
      schema: { tags, summary: "The caller's orders, newest first", security, querystring: CustomerListQuery, response: { 200: ListOf(OrderSummaryDto) } },
    },
    async (req) => listMyOrders(deps, userOf(req), req.query),
  )

  app.get(
    '/api/orders/:id',
    {
      preHandler: requireUser,
      schema: { tags, summary: 'One order with its lines, history and returns (own orders; admins any)', security, params: IdParams, response: { 200: OrderDto } },
    },
    async (req) => getOrder(deps, userOf(req), req.params.id),
  )

  app.post(
    '/api/orders/:id/cancel',
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: 'Cancel a pending or confirmed order: stock goes back and the payment is voided or refunded; 409 after shipment',
        security,
        params: IdParams,
        response: { 200: OrderDto },
      },
    },
    async (req) => cancelOrder(deps, userOf(req), req.params.id),
  )

  app.post(
    '/api/orders/:id/returns',
    {
      preHandler: [requireUser, app.idempotency.optional],
      schema: {
        tags,
        summary: 'Ask to return items of a delivered order within the return window',
        security,
        params: IdParams,
        body: ReturnBody,
        response: { 201: ReturnDto },
      },
    },
    async (req, reply) => reply.code(201).send(await requestReturn(deps, userOf(req), req.params.id, req.body)),
  )
}
