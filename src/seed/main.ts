/**
 * `npm run seed [-- --url http://localhost:8080]`: loads the demo health and wellness shop into
 * a running Emporium through its public API, signing in as ADMIN_EMAIL/ADMIN_PASSWORD (default:
 * the demo admin). Does nothing when the catalog already holds products.
 */
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../platform/config.ts'
import { DEMO_ADMIN } from '../services/identity/seed-users.ts'
import { seedDemoCatalog } from './seed-catalog.ts'

async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const { values } = parseArgs({ options: { url: { type: 'string', default: `http://localhost:${config.port}` } } })
  const url = values.url.replace(/\/$/, '')
  const admin = config.admin ?? { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password }
  const result = await seedDemoCatalog({ identityUrl: url, catalogUrl: url, admin, currency: config.currency })
  if (result.skipped) console.log(`The catalog at ${url} already holds products; nothing to do.`)
  else console.log(`Loaded the demo catalog into ${url}: ${result.categories} categories, ${result.products} products in ${result.ms} ms.`)
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err)
  process.exit(1)
})
