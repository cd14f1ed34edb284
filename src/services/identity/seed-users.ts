import { v7 as uuidv7 } from 'uuid'
import type { Role } from '../../platform/auth.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { normalizeEmail } from './identity.rules.ts'
import { hashPassword, verifyPassword } from './passwords.ts'
import { announceUser } from './register.ts'
import { revokeUserSessions } from './sessions.repo.ts'
import { findUserByEmail, insertUser, updateUser } from './users.repo.ts'

export const DEMO_ADMIN = { email: 'admin@emporium.local', password: 'Admin123!', firstName: 'Demo', lastName: 'Admin' }
export const DEMO_SHOPPER = { email: 'shopper@emporium.local', password: 'Shopper123!', firstName: 'Sam', lastName: 'Shopper' }

interface Seed {
  email: string
  password: string
  firstName: string
  lastName: string
  role: Role
}

/**
 * Start-up users: ADMIN_EMAIL/ADMIN_PASSWORD create or reset the first admin; without them the
 * embedded mode makes the demo admin and says so; SEED_DEMO_DATA adds the demo shopper.
 */
export async function seedUsers(deps: IdentityDeps): Promise<void> {
  const { config, log } = deps
  if (config.admin) {
    const seed = { ...config.admin, firstName: 'Admin', lastName: 'User', role: 'admin' as const }
    const created = await createUser(deps, seed)
    if (created) log.info({ email: seed.email }, `Created the admin ${seed.email} from ADMIN_EMAIL`)
    else await resetAdmin(deps, seed)
  } else if (config.mode === 'embedded' && (await createUser(deps, { ...DEMO_ADMIN, role: 'admin' }))) {
    log.info(
      { email: DEMO_ADMIN.email },
      `Created the demo admin: log in as ${DEMO_ADMIN.email} with password ${DEMO_ADMIN.password} (set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own)`,
    )
  }
  if (config.seedDemoData && (await createUser(deps, { ...DEMO_SHOPPER, role: 'customer' }))) {
    log.info({ email: DEMO_SHOPPER.email }, `Created the demo customer ${DEMO_SHOPPER.email} / ${DEMO_SHOPPER.password}`)
  }
}

/** Creates the user unless the email exists; true when it was created. */
async function createUser(deps: IdentityDeps, seed: Seed): Promise<boolean> {
  const email = normalizeEmail(seed.email)
  if (await findUserByEmail(deps.db, email)) return false
  const passwordHash = await hashPassword(seed.password)
  return deps.db.transaction(async (tx) => {
    const user = await insertUser(tx, {
      id: uuidv7(),
      email,
      passwordHash,
      firstName: seed.firstName,
      lastName: seed.lastName,
      role: seed.role,
      emailVerifiedAt: new Date(),
    })
    if (user) await announceUser(deps, tx, user)
    return user !== undefined
  })
}

/**
 * The configured admin exists: its role is set to admin (and it is active) and its password to
 * the configured one. A changed password ends its sessions; an unchanged one is left alone.
 */
async function resetAdmin(deps: IdentityDeps, seed: Seed): Promise<void> {
  const user = await findUserByEmail(deps.db, normalizeEmail(seed.email))
  if (!user) return
  const samePassword = await verifyPassword(user.passwordHash, seed.password)
  if (samePassword && user.role === 'admin' && user.active) return
  const passwordHash = samePassword ? user.passwordHash : await hashPassword(seed.password)
  await deps.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { passwordHash, role: 'admin', active: true })
    if (!samePassword) await revokeUserSessions(tx, user.id, 'admin_reset')
  })
  deps.log.info({ email: user.email }, `Reset the password and role of the admin ${user.email} from ADMIN_EMAIL`)
}
