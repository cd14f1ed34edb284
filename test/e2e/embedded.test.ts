import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSystem, startEmbedded } from '../../src/launch.ts'
import { testConfig } from '../support/config.ts'
import { client } from '../support/http.ts'
import { migratedPglite } from '../support/pglite.ts'
import { walkRegisterToLogout } from './auth-walk.ts'

let system: RunningSystem

beforeAll(async () => {
  system = await startEmbedded(testConfig(), { pglite: await migratedPglite() })
})
afterAll(async () => {
  await system?.stop()
})

describe('embedded mode, through the gateway', () => {
  it('a new customer registers, logs in, reads their profile, refreshes, is protected from token replay and logs out', async () => {
    await walkRegisterToLogout(system.url!)
  })

  it('reports every service ready', async () => {
    const res = await client(system.url!).get('/health/ready')
    expect(res.status).toBe(200)
  })

  it('serves one OpenAPI document for the whole API', async () => {
    const res = await client(system.url!).get('/docs/json')
    expect(res.status).toBe(200)
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/register', '/api/notifications']))
  })
})
