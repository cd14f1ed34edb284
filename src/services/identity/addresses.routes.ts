import { z } from 'zod'
import { bearerSecurity, requireUser, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { addAddress } from './add-address.ts'
import { listAddresses } from './addresses.repo.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { AddressBody, AddressDto, AddressPatch, NoContent, toAddressDto } from './identity.dto.ts'
import { removeAddress } from './remove-address.ts'
import { updateMyAddress } from './update-address.ts'

const tags = ['addresses']
const guarded = { preHandler: requireUser }
const security = bearerSecurity
const Params = z.object({ id: z.uuid() })

/** The caller's address book; another user's address answers 404. */
export function addressRoutes(app: App, deps: IdentityDeps): void {
  app.get(
    '/api/auth/me/addresses',
    { ...guarded, schema: { tags, summary: "The caller's addresses, default first", security, response: { 200: z.object({ items: z.array(AddressDto) }) } } },
    async (req) => ({ items: (await listAddresses(deps.db, userOf(req).id)).map(toAddressDto) }),
  )

  app.post(
    '/api/auth/me/addresses',
    {
      ...guarded,
      schema: { tags, summary: 'Save an address (the first one is the default)', security, body: AddressBody, response: { 201: AddressDto } },
    },
    async (req, reply) => reply.code(201).send(await addAddress(deps, userOf(req), req.body)),
  )

  app.patch(
    '/api/auth/me/addresses/:id',
    { ...guarded, schema: { tags, summary: 'Edit an address', security, params: Params, body: AddressPatch, response: { 200: AddressDto } } },
    async (req) => updateMyAddress(deps, userOf(req), req.params.id, req.body),
  )

  app.delete(
    '/api/auth/me/addresses/:id',
    { ...guarded, schema: { tags, summary: 'Delete an address', security, params: Params, response: { 204: NoContent } } },
    async (req, reply) => {
      await removeAddress(deps, userOf(req), req.params.id)
      return reply.code(204).send(null)
    },
  )
}
