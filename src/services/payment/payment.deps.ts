import { EventEmitter } from 'node:events'
import type { Outbox } from '../../platform/bus/outbox.ts'
import type { Config } from '../../platform/config.ts'
import type { Db } from '../../platform/db/db.ts'
import type { Logger } from '../../platform/log.ts'
import type { ServiceContext } from '../../platform/service.ts'
import type { WorkQueue } from '../../platform/work-queue.ts'
import { actionQueue, type ClaimedAction } from './actions.repo.ts'
import { DEFAULT_RETRY_DELAYS_MS } from './payment.rules.ts'
import type { PaymentProvider } from './payment-provider.ts'
import { SimulatorProvider } from './simulator-provider.ts'
import { simulatorWebhookQueue } from './simulator-webhooks.ts'
import { StripeProvider } from './stripe-provider.ts'

export interface WorkerOptions {
  /** Provider calls one worker makes at once. */
  concurrency: number
  /** How long a claimed action is left to its worker before another may take it; renewed while its call runs. */
  leaseMs: number
  /** A provider call is given up after this long (and retried with the same key). */
  callTimeoutMs: number
  /** Waits between attempts (each spread by jitter); attempts = delays + 1. */
  retryDelaysMs: readonly number[]
  /** How long stop waits for calls in flight. */
  stopGraceMs: number
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  concurrency: 8,
  leaseMs: 6_000,
  callTimeoutMs: 10_000,
  retryDelaysMs: DEFAULT_RETRY_DELAYS_MS,
  stopGraceMs: 5_000,
}

/** What a payment module can be built with: tests wrap the provider and shorten the clocks. */
export interface PaymentModuleOptions {
  /** Wraps the configured provider (count calls, fail after a call, …). */
  wrapProvider?: (provider: PaymentProvider) => PaymentProvider
  worker?: Partial<WorkerOptions>
  /** How long POST /api/payments/:id/refunds waits for the provider before answering 202. */
  refundWaitMs?: number
}

/** What payment's use cases are handed. */
export interface PaymentDeps {
  db: Db
  outbox: Outbox
  log: Logger
  config: Config
  provider: PaymentProvider
  /** Set when the provider is the built-in simulator (its webhooks are sent from this process). */
  simulator: SimulatorProvider | undefined
  worker: WorkerOptions
  /** Provider calls to make, one payment's at a time. */
  actions: WorkQueue<ClaimedAction>
  refundWaitMs: number
  /** Emits `refund` with a refund id once its outcome is recorded here: a waiting request answers at once. */
  settled: EventEmitter
}

export function createProvider(ctx: Pick<ServiceContext, 'db' | 'config' | 'afterCommit' | 'log'>, callTimeoutMs: number): PaymentProvider {
  const { payment } = ctx.config
  if (payment.provider === 'stripe') {
    if (!payment.stripe) throw new Error('PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET')
    return new StripeProvider({ ...payment.stripe, timeoutMs: callTimeoutMs })
  }
  return new SimulatorProvider(ctx.db, payment.simulatorWebhookSecret, simulatorWebhookQueue(ctx.db, ctx.afterCommit, ctx.log))
}

const byContext = new WeakMap<ServiceContext, PaymentDeps>()

/** One set per running payment service: its routes, handlers and worker share the provider and the notifier. */
export function paymentDeps(ctx: ServiceContext, options: PaymentModuleOptions = {}): PaymentDeps {
  let deps = byContext.get(ctx)
  if (!deps) {
    const worker = { ...DEFAULT_WORKER_OPTIONS, ...options.worker }
    const base = createProvider(ctx, worker.callTimeoutMs)
    const settled = new EventEmitter()
    settled.setMaxListeners(0)
    deps = {
      db: ctx.db,
      outbox: ctx.outbox,
      log: ctx.log,
      config: ctx.config,
      provider: options.wrapProvider ? options.wrapProvider(base) : base,
      simulator: base instanceof SimulatorProvider ? base : undefined,
      worker,
      actions: actionQueue(ctx.db, ctx.afterCommit, ctx.log, { maxAttempts: worker.retryDelaysMs.length + 1, delaysMs: worker.retryDelaysMs }),
      refundWaitMs: options.refundWaitMs ?? 5_000,
      settled,
    }
    byContext.set(ctx, deps)
  }
  return deps
}
