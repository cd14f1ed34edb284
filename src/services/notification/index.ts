import { userPasswordResetRequested, userRegistered, userVerificationRequested } from '../../contracts/identity.events.ts'
import { on } from '../../platform/bus/consumer.ts'
import { loadMigrations } from '../../platform/db/migrate.ts'
import type { ServiceModule } from '../../platform/service.ts'
import { onPasswordResetRequested, onUserRegistered, onVerificationRequested } from './notification.handlers.ts'
import { notificationRoutes } from './notification.routes.ts'

export const notification: ServiceModule = {
  name: 'notification',
  schema: 'notification',
  docs: { title: 'Emporium notification service', description: 'Messages sent to customers and admins.' },
  migrations: () => loadMigrations(new URL('./migrations/', import.meta.url)),
  subscriptions: () => [
    on(userRegistered, onUserRegistered),
    on(userVerificationRequested, onVerificationRequested),
    on(userPasswordResetRequested, onPasswordResetRequested),
  ],
  routes: notificationRoutes,
}
