import type { Message } from '../../contracts/message.ts'
import type { PayloadOf } from '../../contracts/messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import type { PaymentDeps } from './payment.deps.ts'
import { requestAuthorization } from './request-authorization.ts'
import { requestCapture } from './request-capture.ts'
import { requestRefund } from './request-refund.ts'
import { requestVoid } from './request-void.ts'

/**
 * Each handler runs inside the inbox transaction of its command and only records what is to be
 * done: the worker makes the provider calls after commit, outside any transaction.
 */

export async function onAuthorize(msg: Message<PayloadOf<'payment.authorize'>>, tx: Tx, deps: PaymentDeps): Promise<void> {
  await requestAuthorization(deps, tx, msg)
}

export async function onCapture(msg: Message<PayloadOf<'payment.capture'>>, tx: Tx, deps: PaymentDeps): Promise<void> {
  await requestCapture(deps, tx, msg)
}

export async function onVoid(msg: Message<PayloadOf<'payment.void'>>, tx: Tx, deps: PaymentDeps): Promise<void> {
  await requestVoid(deps, tx, msg)
}

export async function onRefund(msg: Message<PayloadOf<'payment.refund'>>, tx: Tx, deps: PaymentDeps): Promise<void> {
  await requestRefund(deps, tx, msg)
}
