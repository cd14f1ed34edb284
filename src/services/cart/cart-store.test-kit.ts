/**
 * The stores the cart-store contract suite runs against: SQL on PGlite, SQL on PostgreSQL, and
 * Redis on a key prefix of its own (each removed after), the latter two only where the server answers.
 */
import type { PGliteInterface } from '@electric-sql/pglite'
import { migratedPglite } from '../../../test/support/pglite.ts'
import { createTestDatabase } from '../../../test/support/postgres.ts'
import { createTestKeyPrefix } from '../../../test/support/redis.ts'
import { serversAvailable } from '../../../test/support/servers.ts'
import { type Db, pgliteServiceDb, postgresServiceDb } from '../../platform/db/db.ts'
import { migrate } from '../../platform/db/migrate.ts'
import { RedisKv } from '../../platform/kv/redis.ts'
import { platformMigrations } from '../../platform/service.ts'
import type { CartStore } from './cart-store.ts'
import { cart as cartModule } from './index.ts'
import { RedisCartStore } from './redis-cart-store.ts'
import { SqlCartStore } from './sql-cart-store.ts'

/** One backend for the whole suite; `store(ttl)` opens a store over it. */
export interface Backend {
  store(ttlMs: number): CartStore
  close(): Promise<void>
}

const [postgresUp, redisUp] = [await serversAvailable('postgres'), await serversAvailable('redis')]

export const backends: Array<{ name: string; available: boolean; open(): Promise<Backend> }> = [
  {
    name: 'SQL on PGlite',
    available: true,
    async open() {
      const pglite: PGliteInterface = await migratedPglite()
      const { db } = pgliteServiceDb(pglite)
      return { store: (ttl) => new SqlCartStore(db, ttl), close: () => pglite.close() }
    },
  },
  {
    name: 'SQL on PostgreSQL',
    available: postgresUp,
    async open() {
      const database = await createTestDatabase('cart_store')
      const serviceDb = await postgresServiceDb({ serverUrl: database.serverUrl, database: database.name, poolSize: 20 })
      const db: Db = serviceDb.db
      await migrate(db, 'cart', [...platformMigrations('cart'), ...(await cartModule.migrations())])
      return {
        store: (ttl) => new SqlCartStore(db, ttl),
        async close() {
          await serviceDb.close()
          await database.drop()
        },
      }
    },
  },
  {
    name: 'Redis',
    available: redisUp,
    async open() {
      const keys = createTestKeyPrefix('cart-store')
      const kv = new RedisKv(keys.url, keys.prefix)
      return {
        store: (ttl) => new RedisCartStore(kv.redis, ttl),
        async close() {
          await kv.close()
          await keys.cleanup()
        },
      }
    },
  },
]
