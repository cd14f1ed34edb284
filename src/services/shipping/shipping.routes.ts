import type { FastifyReply, FastifyRequest } from 'fastify'
import { bearerSecurity, optionalUser, requireAdmin } from '../../platform/auth.ts'
import { Forbidden, Unauthorized } from '../../platform/errors.ts'
import type { App } from '../../platform/http.ts'
import { createMethod } from './create-method.ts'
import { getMethodFor, listMethods } from './list-methods.ts'
import { quoteShipping } from './quote-shipping.ts'
import type { ShippingDeps } from './shipping.deps.ts'
import { IdParams, MethodDto, MethodList, MethodListQuery, methodSchemas, QuoteBody, QuoteDto } from './shipping.dto.ts'
import { updateMethodById } from './update-method.ts'

const tags = ['shipping']
/** How long anyone may reuse the public list of methods. */
export const METHODS_MAX_AGE_SECONDS = 60

function isAdmin(req: FastifyRequest): boolean {
  return req.user?.role === 'admin'
}

/** Public answers may be cached a minute; an admin's (with inactive methods and rates) never. */
function cacheFor(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', isAdmin(req) ? 'private, no-store' : `public, max-age=${METHODS_MAX_AGE_SECONDS}`)
}

/** Shipping methods, their zone rates, and quotes. */
export function shippingRoutes(app: App, deps: ShippingDeps): void {
  const { MethodBody, MethodPatch } = methodSchemas(deps.currency)

  app.get(
    '/api/shipping/methods',
    {
      preHandler: optionalUser,
      schema: {
        tags,
        summary: 'The shipping methods a customer may choose (an array)',
        description: `Active methods by name, \`Cache-Control: public, max-age=${METHODS_MAX_AGE_SECONDS}\`. Admins also get each method's rates; with includeInactive=true, inactive methods too (401 without a token, 403 for customers).`,
        querystring: MethodListQuery,
        response: { 200: MethodList },
      },
    },
    async (req, reply) => {
      const includeInactive = req.query.includeInactive === 'true'
      if (includeInactive && !req.user) throw new Unauthorized('Listing inactive methods needs an admin\'s access token.')
      if (includeInactive && !isAdmin(req)) throw new Forbidden('Listing inactive methods is for admins only.')
      const list = await listMethods(deps, { admin: isAdmin(req), includeInactive })
      return cacheFor(req, reply).send(list)
    },
  )

  app.get(
    '/api/shipping/methods/:id',
    {
      preHandler: optionalUser,
      schema: {
        tags,
        summary: 'One shipping method',
        description: 'An active method for anyone (404 otherwise); any method, with its rates, for admins.',
        params: IdParams,
        response: { 200: MethodDto },
      },
    },
    async (req, reply) => cacheFor(req, reply).send(await getMethodFor(deps, req.params.id, { admin: isAdmin(req) })),
  )

  app.post(
    '/api/shipping/methods',
    {
      preHandler: [requireAdmin, app.idempotency.optional],
      schema: {
        tags,
        summary: 'Add a shipping method with its zone rates',
        description:
          'A rate per zone: base + per kg (rounded up to the minor unit), free at or over a subtotal. A country may be in one zone of a method only (422); 409 on a taken name. A retry with the same Idempotency-Key creates one method.',
        security: bearerSecurity,
        body: MethodBody,
        response: { 201: MethodDto },
      },
    },
    async (req, reply) => reply.code(201).send(await createMethod(deps, req.body)),
  )

  app.patch(
    '/api/shipping/methods/:id',
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: 'Change a shipping method; `rates` replaces all its zones',
        description: '422 when a country is in two zones; 409 on a taken name; 404 for an unknown method.',
        security: bearerSecurity,
        params: IdParams,
        body: MethodPatch,
        response: { 200: MethodDto },
      },
    },
    async (req) => updateMethodById(deps, req.params.id, req.body),
  )

  app.post(
    '/api/shipping/quote',
    {
      schema: {
        tags,
        summary: 'What each active method charges to ship these items to this address, cheapest first',
        description:
          'price = base + ceil(perKg × grams / 1000) in minor units, 0 when the items\' subtotal is at or over the zone\'s free-over threshold. Weights and prices are the catalog\'s, never the client\'s. 422 names unknown variants; a country no zone serves gets [].',
        body: QuoteBody,
        response: { 200: QuoteDto.array() },
      },
    },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await quoteShipping(deps, req.body)),
  )
}
