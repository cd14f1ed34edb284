import type { AuthUser } from '../../platform/auth.ts'
import { RuleViolation } from '../../platform/errors.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { type AdminUserPatch, toUserDto, type UserDto } from './identity.dto.ts'
import { revokeUserSessions } from './sessions.repo.ts'
import { getUser, updateUser } from './users.repo.ts'

/**
 * An admin changes a user's role or deactivates them. Deactivation ends every session, so the
 * user can neither log in nor refresh. Admins cannot lock themselves out.
 */
export async function updateUserByAdmin(deps: IdentityDeps, admin: AuthUser, id: string, patch: AdminUserPatch): Promise<UserDto> {
  if (id === admin.id && ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false)) {
    throw new RuleViolation('Admins cannot demote or deactivate themselves.', 'cannot_change_self')
  }
  const changes = {
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
  }
  if (Object.keys(changes).length === 0) return toUserDto(await getUser(deps.db, id))
  const user = await deps.db.transaction(async (tx) => {
    const updated = await updateUser(tx, id, changes)
    if (patch.active === false) await revokeUserSessions(tx, id, 'deactivated')
    return updated
  })
  deps.log.info({ userId: id, by: admin.id, role: patch.role, active: patch.active }, 'user changed by an admin')
  return toUserDto(user)
}
