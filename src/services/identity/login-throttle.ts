import type { Config } from '../../platform/config.ts'
import { TooManyRequests } from '../../platform/errors.ts'
import type { Kv } from '../../platform/kv/kv.ts'
import { loginThrottleKeys, retryAfterSeconds } from './identity.rules.ts'

type LoginLimits = Config['login']

/**
 * Failed logins are counted per account and per IP in a fixed window. Once a counter reaches
 * its limit a lock holding the window's end is set, and every login for that account or from
 * that IP answers 429 until then, whether the password is right or not.
 */
export async function assertLoginAllowed(kv: Kv, email: string, ip: string): Promise<void> {
  const keys = loginThrottleKeys(email, ip)
  for (const lock of [keys.account.lock, keys.ip.lock]) {
    const until = Number(await kv.get(lock))
    if (until > Date.now()) {
      throw new TooManyRequests('Too many failed logins. Try again later.', retryAfterSeconds(until, Date.now()), 'login_throttled')
    }
  }
}

export async function recordLoginFailure(kv: Kv, limits: LoginLimits, email: string, ip: string): Promise<void> {
  const keys = loginThrottleKeys(email, ip)
  const windowMs = limits.windowMinutes * 60_000
  const counters = [
    { ...keys.account, max: limits.maxFailures },
    { ...keys.ip, max: limits.maxFailuresPerIp },
  ]
  for (const c of counters) {
    const { count, ttlMs } = await kv.incr(c.counter, windowMs)
    if (count >= c.max && ttlMs > 0) await kv.set(c.lock, String(Date.now() + ttlMs), { ttlMs })
  }
}

/** A successful login forgets the account's failures (not the IP's). */
export async function clearLoginFailures(kv: Kv, email: string): Promise<void> {
  await kv.del(loginThrottleKeys(email, '').account.counter)
}
