import { z } from 'zod'
import { bearerSecurity, requireAdmin, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { ListOf, PageQuery } from '../../platform/pagination.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { AdminUserPatch, UserDto, UserQuery } from './identity.dto.ts'
import { listUsersForAdmin } from './list-users.ts'
import { updateUserByAdmin } from './update-user.ts'

const tags = ['users']

/** User administration, admins only. */
export function userRoutes(app: App, deps: IdentityDeps): void {
  app.get(
    '/api/users',
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: 'Search users by email or name, and by role',
        security: bearerSecurity,
        querystring: PageQuery.extend(UserQuery.shape),
        response: { 200: ListOf(UserDto) },
      },
    },
    async (req) => listUsersForAdmin(deps, req.query),
  )

  app.patch(
    '/api/users/:id',
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: "Change a user's role or deactivate them (which ends their sessions)",
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        body: AdminUserPatch,
        response: { 200: UserDto },
      },
    },
    async (req) => updateUserByAdmin(deps, userOf(req), req.params.id, req.body),
  )
}
