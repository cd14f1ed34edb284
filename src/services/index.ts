import type { ServiceName } from '../platform/config.ts'
import type { ServiceModule } from '../platform/service.ts'
import { catalog } from './catalog/index.ts'
import { identity } from './identity/index.ts'
import { inventory } from './inventory/index.ts'
import { notification } from './notification/index.ts'

/** The services this build contains, in start order (identity first: the others verify its tokens). */
export const SERVICES: Partial<Record<ServiceName, ServiceModule>> = {
  identity,
  catalog,
  inventory,
  notification,
}
