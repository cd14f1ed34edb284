import type { Config } from '../../platform/config.ts'
import type { Db } from '../../platform/db/db.ts'
import type { Logger } from '../../platform/log.ts'
import type { Mailer } from '../../platform/mail/mailer.ts'
import type { ServiceContext } from '../../platform/service.ts'

/** What notification's use cases are handed. */
export interface NotificationDeps {
  db: Db
  log: Logger
  mailer: Mailer
  /** maxAttempts and retryDelaysMs drive the delivery retries. */
  mail: Config['mail']
}

export function notificationDeps(ctx: Pick<ServiceContext, 'db' | 'log' | 'mailer' | 'config'>): NotificationDeps {
  return { db: ctx.db, log: ctx.log, mailer: ctx.mailer, mail: ctx.config.mail }
}
