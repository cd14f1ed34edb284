import type { ServiceName } from '../platform/config.ts'
import type { ServiceModule } from '../platform/service.ts'
import { cart } from './cart/index.ts'
import { catalog } from './catalog/index.ts'
import { identity } from './identity/index.ts'
import { inventory } from './inventory/index.ts'
import { notification } from './notification/index.ts'
import { order } from './order/index.ts'
import { payment } from './payment/index.ts'
import { shipping } from './shipping/index.ts'

/** The services this build contains, in start order (identity first: the others verify its tokens). */
export const SERVICES: Partial<Record<ServiceName, ServiceModule>> = {
  identity,
  catalog,
  inventory,
  cart,
  order,
  payment,
  shipping,
  notification,
}
