import type { AuthUser } from '../../platform/auth.ts'
import { NotFound } from '../../platform/errors.ts'
import { deleteAddress, lockUserAddresses, oldestAddress, updateAddress } from './addresses.repo.ts'
import type { IdentityDeps } from './identity.deps.ts'

/** Deletes one of the caller's addresses; when it was the default, the oldest remaining one takes over. */
export async function removeAddress(deps: IdentityDeps, caller: AuthUser, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await lockUserAddresses(tx, caller.id)
    const removed = await deleteAddress(tx, caller.id, id)
    if (!removed) throw new NotFound('Address')
    if (!removed.isDefault) return
    const next = await oldestAddress(tx, caller.id)
    if (next) await updateAddress(tx, caller.id, next.id, { isDefault: true })
  })
}
