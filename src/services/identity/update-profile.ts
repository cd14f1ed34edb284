import type { AuthUser } from '../../platform/auth.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { toUserDto, type UpdateMeBody, type UserDto } from './identity.dto.ts'
import { getUser, updateUser } from './users.repo.ts'

/** The caller edits their name and phone; role and email are not in the body's schema. */
export async function updateProfile(deps: IdentityDeps, caller: AuthUser, body: UpdateMeBody): Promise<UserDto> {
  const patch = {
    ...(body.firstName !== undefined ? { firstName: body.firstName } : {}),
    ...(body.lastName !== undefined ? { lastName: body.lastName } : {}),
    ...(body.phone !== undefined ? { phone: body.phone } : {}),
  }
  const user = Object.keys(patch).length > 0 ? await updateUser(deps.db, caller.id, patch) : await getUser(deps.db, caller.id)
  return toUserDto(user)
}
