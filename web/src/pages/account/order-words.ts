import type { Order } from '../../api/orders.ts'
import { formatMoney, humanize } from '../../format.ts'

/** The status as a person reads it: Pending, Confirmed, Shipped, Delivered, Cancelled, Returned. */
export const statusWord = (status: string) => humanize(status)

/** Why the order was cancelled and what happened to the money and the items, in plain words. */
export function cancellationText(order: Order): { headline: string; advice: string } {
  const detail = order.cancellationDetail ?? ''
  switch (order.cancellationReason) {
    case 'payment_declined':
      if (/insufficient funds/i.test(detail)) {
        return {
          headline: 'Your card has insufficient funds, so the payment was declined.',
          advice: 'No money was taken and the items are back in stock. They are still in your cart: try again with another card.',
        }
      }
      if (/processor/i.test(detail)) {
        return {
          headline: 'The card processor could not take the payment.',
          advice: 'No money was taken and the items are back in stock. They are still in your cart: please try again in a moment.',
        }
      }
      return {
        headline: 'Your card was declined.',
        advice: 'No money was taken and the items are back in stock. They are still in your cart: try again with another card.',
      }
    case 'out_of_stock':
      return {
        headline: 'Some items sold out before we could reserve them.',
        advice: 'Your card was not charged. Check your cart for what is still available and place the order again.',
      }
    case 'timeout':
      return {
        headline: 'We could not confirm your order in time, so it was cancelled.',
        advice: 'Any hold on your card has been released and the items are back in stock. You can place the order again.',
      }
    case 'customer_cancelled':
      return {
        headline: /by the shop/i.test(detail) ? 'The shop cancelled this order.' : 'You cancelled this order.',
        advice: refundText(order),
      }
    default:
      return { headline: 'This order was cancelled.', advice: refundText(order) }
  }
}

function refundText(order: Order): string {
  switch (order.payment.status) {
    case 'refunded':
      return `Your payment was refunded (${formatMoney(order.payment.refunded)}). Refunds can take a few days to show on your statement.`
    case 'partially_refunded':
      return `${formatMoney(order.payment.refunded)} was refunded.`
    case 'voided':
      return 'The hold on your card was released: you were not charged.'
    case 'captured':
      return 'Your refund is on its way.'
    default:
      return 'You were not charged.'
  }
}
