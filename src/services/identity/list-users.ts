import type { Role } from '../../platform/auth.ts'
import { type PageQuery, pageOf } from '../../platform/pagination.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { toUserDto, type UserDto } from './identity.dto.ts'
import { listUsers } from './users.repo.ts'

/** Admins search users by email or name, and by role, newest first. */
export async function listUsersForAdmin(
  deps: IdentityDeps,
  query: PageQuery & { q?: string | undefined; role?: Role | undefined },
): Promise<{ items: UserDto[]; total: number; page: number; pageSize: number }> {
  const page = pageOf(query)
  const { rows, total } = await listUsers(deps.db, { q: query.q || undefined, role: query.role, limit: page.limit, offset: page.offset })
  return { items: rows.map(toUserDto), total, page: page.page, pageSize: page.pageSize }
}
