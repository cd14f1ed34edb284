import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectMigrationMatchesDrizzle, type OnPostgres, startOnPostgres } from '../../../test/support/on-postgres.ts'
import { serversAvailable } from '../../../test/support/servers.ts'
import { identity } from './index.ts'
import { call, registerUser } from './identity.test-kit.ts'
import * as tables from './identity.tables.ts'

const available = await serversAvailable('postgres')

/** Identity on a real PostgreSQL: its migration runs there, matches the Drizzle tables, and a refresh token is claimed once under true concurrency. */
describe.skipIf(!available)('identity on PostgreSQL', () => {
  let pgside: OnPostgres
  const services = { get: () => pgside.running }

  beforeAll(async () => {
    pgside = await startOnPostgres(identity)
  })
  afterAll(() => pgside?.stop())

  it('when the migration has run, then every table, column, index and constraint matches the Drizzle definitions', async () => {
    await expectMigrationMatchesDrizzle(pgside.database.url, 'identity', [
      tables.users,
      tables.sessions,
      tables.refreshTokens,
      tables.signingKeys,
      tables.emailCodes,
      tables.addresses,
    ])
  })

  it('when one refresh token is exchanged many times at once, then exactly one exchange succeeds', async () => {
    const user = await registerUser(services)
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call(services, 'POST', '/api/auth/refresh', { body: { refreshToken: user.refreshToken } })),
    )
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(1)
    expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(7)
  })

  it('when two addresses are added at once to an empty book, then exactly one is the default', async () => {
    const user = await registerUser(services)
    const body = { fullName: 'A B', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' }
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => call(services, 'POST', '/api/auth/me/addresses', { token: user.accessToken, body })),
    )
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201, 201])
    const list = (await call(services, 'GET', '/api/auth/me/addresses', { token: user.accessToken })).json<{ items: Array<{ isDefault: boolean }> }>()
    expect(list.items.filter((a) => a.isDefault)).toHaveLength(1)
  })
})
