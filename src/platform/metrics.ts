import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client'

let processRegistry: Registry | undefined

/** Process-wide metrics (CPU, memory, event loop), collected once however many services share the process. */
function getProcessRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry })
  }
  return processRegistry
}

export interface HttpMetrics {
  registry: Registry
  requests: Counter<'method' | 'route' | 'status'>
  duration: Histogram<'method' | 'route' | 'status'>
  /** Prometheus text of this service's metrics plus the process's. */
  render(): Promise<{ contentType: string; body: string }>
}

export function createHttpMetrics(service: string): HttpMetrics {
  const registry = new Registry()
  registry.setDefaultLabels({ service })
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency, by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  return {
    registry,
    requests,
    duration,
    async render() {
      const merged = Registry.merge([getProcessRegistry(), registry])
      return { contentType: merged.contentType, body: await merged.metrics() }
    },
  }
}
