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

/**
 * One service's metrics, labelled with its name: what its HTTP app, its bus and its work queues
 * count. Several services may share a process (embedded mode); each answers /metrics with its
 * own plus the process's.
 */
export class ServiceMetrics {
  readonly registry = new Registry()

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service })
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[], collect?: (this: Counter<L>) => Promise<void>): Counter<L> {
    const existing = this.registry.getSingleMetric(name)
    if (existing) return existing as Counter<L>
    return new Counter({ name, help, labelNames, registers: [this.registry], ...(collect ? { collect } : {}) })
  }

  histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> {
    const existing = this.registry.getSingleMetric(name)
    if (existing) return existing as Histogram<L>
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] })
  }

  /** Prometheus text of this service's metrics plus the process's. */
  async render(): Promise<{ contentType: string; body: string }> {
    const merged = Registry.merge([getProcessRegistry(), this.registry])
    return { contentType: merged.contentType, body: await merged.metrics() }
  }
}

export interface HttpMetrics {
  requests: Counter<'method' | 'route' | 'status'>
  duration: Histogram<'method' | 'route' | 'status'>
}

export function httpMetricsOf(metrics: ServiceMetrics): HttpMetrics {
  return {
    requests: metrics.counter('http_requests_total', 'HTTP requests answered, by route and status', ['method', 'route', 'status']),
    duration: metrics.histogram('http_request_duration_seconds', 'HTTP request latency, by route and status', ['method', 'route', 'status'], [
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
    ]),
  }
}
