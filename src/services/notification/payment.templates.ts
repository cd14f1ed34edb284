import type { PayloadOf } from '../../contracts/messages.ts'
import { formatMoney, paragraphs, type Rendered, SIGN_OFF } from './notification.format.ts'

/** Pure rendering of what a customer is told about their money. No I/O. */

/**
 * A refund was made. payment.refunded names the order by id only: `orderNumber` is the number
 * notification learnt from the order's own events, when it has seen one.
 */
export function renderPaymentRefunded(p: PayloadOf<'payment.refunded'>, orderNumber: string | undefined): Rendered {
  const order = orderNumber ? `order ${orderNumber}` : 'your order'
  return {
    template: 'payment_refunded',
    subject: `Refund of ${formatMoney(p.amount)} for ${orderNumber ? `your Emporium order ${orderNumber}` : 'your Emporium order'}`,
    body: paragraphs(
      'Hello,',
      `We have refunded ${formatMoney(p.amount)} for ${order} to your original payment method.`,
      p.status === 'refunded'
        ? `The payment is now refunded in full: ${formatMoney(p.refundedTotal)} in total.`
        : `Refunded so far on this order: ${formatMoney(p.refundedTotal)} in total.`,
      'Depending on your bank, it can take 5 to 10 business days to appear on your statement.',
      SIGN_OFF,
    ),
  }
}
