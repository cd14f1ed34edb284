import type { Kv } from '../../platform/kv/kv.ts'
import type { ReadinessCheck } from '../../platform/http.ts'
import { callUpstream, describeFailure, type Upstreams } from './upstreams.ts'

const CHECK_TIMEOUT_MS = 2_000

/**
 * The gateway's /health/ready checks: its kv plus every service's own /health/ready, each
 * within 2 s. The platform runs them side by side and answers 200 only when all pass, with
 * each one's status in the body.
 */
export function readinessChecks(kv: Kv, upstreams: Upstreams): Record<string, ReadinessCheck> {
  const checks: Record<string, ReadinessCheck> = { kv: () => kv.ping() }
  for (const upstream of upstreams.values()) {
    checks[upstream.name] = async () => {
      let status: number
      try {
        ;({ status } = await callUpstream(upstream, { path: '/health/ready', timeoutMs: CHECK_TIMEOUT_MS }))
      } catch (err) {
        throw new Error(describeFailure(err))
      }
      if (status !== 200) throw new Error(`not ready (${status})`)
    }
  }
  return checks
}
