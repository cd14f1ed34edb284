import { loadMigrations } from '../../platform/db/migrate.ts'
import type { ServiceModule } from '../../platform/service.ts'
import { accountRoutes } from './account.routes.ts'
import { addressRoutes } from './addresses.routes.ts'
import { authRoutes } from './auth.routes.ts'
import { identityDeps } from './identity.deps.ts'
import { seedUsers } from './seed-users.ts'
import { userRoutes } from './users.routes.ts'

/** How often a running identity checks whether its signing key is due for rotation. */
const KEY_CHECK_MS = 3_600_000

export const identity: ServiceModule = {
  name: 'identity',
  schema: 'identity',
  docs: {
    title: 'Emporium identity service',
    description: 'Accounts, sessions and tokens (EdDSA JWT access tokens, rotating refresh tokens), 2FA, addresses, user admin.',
  },
  migrations: () => loadMigrations(new URL('./migrations/', import.meta.url)),
  tokenKeys: (ctx) => identityDeps(ctx).keys.getKey,
  routes(app, ctx) {
    const deps = identityDeps(ctx)
    authRoutes(app, deps)
    accountRoutes(app, deps)
    addressRoutes(app, deps)
    userRoutes(app, deps)
  },
  async start(ctx) {
    const deps = identityDeps(ctx)
    if (await deps.keys.ensureCurrent()) ctx.log.info('made a new token signing key')
    await seedUsers(deps)
    const timer = setInterval(() => {
      deps.keys.ensureCurrent().catch((err: unknown) => ctx.log.warn({ err }, 'signing key rotation check failed'))
    }, KEY_CHECK_MS)
    timer.unref()
    return async () => clearInterval(timer)
  },
}
