import type { Config } from '../../platform/config.ts'
import type { Db } from '../../platform/db/db.ts'
import type { Logger } from '../../platform/log.ts'
import type { Mailer } from '../../platform/mail/mailer.ts'
import type { ServiceContext } from '../../platform/service.ts'
import type { WorkQueue } from '../../platform/work-queue.ts'
import { deliveryQueue, type Delivery } from './notification.repo.ts'

/** What notification's use cases are handed. */
export interface NotificationDeps {
  db: Db
  log: Logger
  mailer: Mailer
  /** maxAttempts and retryDelaysMs drive the delivery retries. */
  mail: Config['mail']
  /** Messages waiting to leave through the mailer. */
  deliveries: WorkQueue<Delivery>
}

const byContext = new WeakMap<object, NotificationDeps>()

/** One set per running notification service: its handlers, routes and worker share the delivery queue. */
export function notificationDeps(ctx: Pick<ServiceContext, 'db' | 'log' | 'mailer' | 'config' | 'afterCommit'>): NotificationDeps {
  let deps = byContext.get(ctx)
  if (!deps) {
    const { mail } = ctx.config
    const deliveries = deliveryQueue(ctx.db, ctx.afterCommit, ctx.log, { maxAttempts: mail.maxAttempts, delaysMs: mail.retryDelaysMs })
    deps = { db: ctx.db, log: ctx.log, mailer: ctx.mailer, mail, deliveries }
    byContext.set(ctx, deps)
  }
  return deps
}
