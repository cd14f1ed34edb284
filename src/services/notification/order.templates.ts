import type { PayloadOf } from '../../contracts/messages.ts'
import { formatAddress, formatLines, formatMoney, paragraphs, type Rendered, SIGN_OFF } from './notification.format.ts'

/** Pure rendering of what a customer is told about their order. No I/O. */

type Confirmed = PayloadOf<'order.confirmed'>
type Cancelled = PayloadOf<'order.cancelled'>
type Shipped = PayloadOf<'order.shipped'>
type Delivered = PayloadOf<'order.delivered'>

export function renderOrderConfirmed(p: Confirmed): Rendered {
  return {
    template: 'order_confirmed',
    subject: `Your Emporium order ${p.number} is confirmed`,
    body: paragraphs(
      `Hello ${p.shippingAddress.fullName},`,
      `Thank you for your order. Order ${p.number} is confirmed and we are getting it ready; we will write again when it ships.`,
      `Items:\n${formatLines(p.lines)}`,
      [
        `Subtotal: ${formatMoney(p.subtotal)}`,
        `Shipping (${p.shippingMethod.name}): ${formatMoney(p.shippingTotal)}`,
        `Total: ${formatMoney(p.total)}`,
      ].join('\n'),
      `Shipping to:\n${formatAddress(p.shippingAddress)}`,
      `Shipping method: ${p.shippingMethod.name}`,
      SIGN_OFF,
    ),
  }
}

const REASONS: Record<Cancelled['reason'], string> = {
  out_of_stock: 'some of the items ran out of stock before we could set them aside for you',
  payment_declined: 'your payment was declined',
  timeout: 'we could not finish processing it in time',
  customer_cancelled: 'you asked us to cancel it',
}

/** Why an order was cancelled, in words a customer understands. */
export function describeCancellation(reason: Cancelled['reason']): string {
  return REASONS[reason]
}

function moneyNote(p: Cancelled): string {
  return p.previousStatus === 'confirmed'
    ? `The ${formatMoney(p.total)} you paid will be refunded to your original payment method; we will write again when the refund is made.`
    : `You have not been charged: any hold of ${formatMoney(p.total)} on your card is released.`
}

/** A cancelled order; a declined payment is told as such (template payment_failed), with the processor's reason. */
export function renderOrderCancelled(p: Cancelled): Rendered {
  const items = `Items in the order:\n${formatLines(p.lines.map(({ unitPrice: _price, ...line }) => line))}`
  if (p.reason === 'payment_declined') {
    return {
      template: 'payment_failed',
      subject: `Payment declined for your Emporium order ${p.number}`,
      body: paragraphs(
        'Hello,',
        `We are sorry: your payment was declined, so order ${p.number} could not be completed and is cancelled.`,
        p.detail && `The card processor said: ${p.detail}`,
        items,
        `You have not been charged. You can place the order again with another payment method.`,
        SIGN_OFF,
      ),
    }
  }
  return {
    template: 'order_cancelled',
    subject: `Your Emporium order ${p.number} is cancelled`,
    body: paragraphs(
      'Hello,',
      `Order ${p.number} is cancelled because ${describeCancellation(p.reason)}.`,
      p.detail && `Details: ${p.detail}`,
      items,
      moneyNote(p),
      SIGN_OFF,
    ),
  }
}

export function renderOrderShipped(p: Shipped): Rendered {
  return {
    template: 'order_shipped',
    subject: `Your Emporium order ${p.number} has shipped`,
    body: paragraphs(
      'Hello,',
      `Good news: order ${p.number} is on its way.`,
      [`Carrier: ${p.carrier}`, `Tracking number: ${p.trackingNumber}`].join('\n'),
      `Use the tracking number on the ${p.carrier} website to follow the parcel.`,
      SIGN_OFF,
    ),
  }
}

export function renderOrderDelivered(p: Delivered): Rendered {
  const names = [...new Set(p.lines.map((l) => l.name))]
  return {
    template: 'order_delivered',
    subject: `Your Emporium order ${p.number} was delivered`,
    body: paragraphs(
      'Hello,',
      `Order ${p.number} was delivered on ${p.deliveredAt.slice(0, 10)}. We hope you enjoy it.`,
      `Items:\n${formatLines(p.lines.map(({ unitPrice: _price, ...line }) => line))}`,
      `How did we do? Review ${names.length === 1 ? names[0] : 'what you bought'} in the shop: your review helps other customers choose.`,
      SIGN_OFF,
    ),
  }
}
