// Copies what tsc does not: each service's SQL migrations, next to the compiled code in dist/.
import { cpSync, existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

const services = path.resolve('src/services')
for (const name of readdirSync(services)) {
  const from = path.join(services, name, 'migrations')
  if (existsSync(from)) cpSync(from, path.resolve('dist/services', name, 'migrations'), { recursive: true })
}
