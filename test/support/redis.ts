import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { serverUrl } from './servers.ts'

/** A key prefix of its own for one test; `cleanup()` deletes every key under it (SCAN, never KEYS). */
export function createTestKeyPrefix(label = 'test'): { url: string; prefix: string; cleanup(): Promise<number> } {
  const url = serverUrl('redis')
  const prefix = `emporium-test:${label}:${randomBytes(5).toString('hex')}:`
  return { url, prefix, cleanup: () => deleteKeysWithPrefix(url, prefix) }
}

export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true })
  client.on('error', () => undefined)
  await client.connect()
  let deleted = 0
  try {
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 500)
      cursor = next
      if (keys.length > 0) deleted += await client.unlink(...keys)
    } while (cursor !== '0')
  } finally {
    await client.quit().catch(() => client.disconnect())
  }
  return deleted
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&')
}
