import { v7 as uuidv7 } from 'uuid'
import type { AuthUser } from '../../platform/auth.ts'
import { RuleViolation } from '../../platform/errors.ts'
import { uniqueViolation } from '../../platform/db/pg-errors.ts'
import { reserveCommand } from './order.events.ts'
import type { OrderDeps } from './order.deps.ts'
import { assertCartOrderable, computeTotals, generateOrderNumber, lineNameOf } from './order.rules.ts'
import type { AddressSnapshot, MethodSnapshot, OrderRow } from './order.tables.ts'
import { type AddressBody, type OrderDto, type PlaceOrderBody, toOrderDto } from './orders.dto.ts'
import { insertOrder, type NewLine } from './orders.repo.ts'
import { type Address, createPaymentMethod, fetchAddress, fetchCart, type PaymentMethod, type Quote, quoteShipping } from './services.client.ts'

/** How many random order numbers are tried before giving up (a collision is already rare). */
const NUMBER_ATTEMPTS = 5
/** The reservation outlives the saga's own deadlines, so the saga decides; inventory's sweeper frees it if ordering dies. */
const RESERVATION_STEPS = 4

/**
 * Checkout: the cart, the address and the card token are fetched at once, then the shipping
 * quote; the server works out every total. Only then one short transaction writes the pending
 * order with its snapshots, its history and the inventory.reserve command. The saga takes it
 * from there; the answer is 202 with the order pending.
 */
export async function placeOrder(deps: OrderDeps, caller: AuthUser, authorization: string, body: PlaceOrderBody): Promise<OrderDto> {
  const { method: _card, ...card } = body.payment
  const tokenizing = createPaymentMethod(deps, authorization, card)
  // Awaited below; until then a failure must not count as unhandled.
  tokenizing.catch(() => undefined)
  const [cart, address] = await Promise.all([fetchCart(deps, authorization), addressOf(deps, authorization, body)])
  const lines = assertCartOrderable(cart.items)
  const quotes = await quoteShipping(deps, authorization, address, lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })))
  const method = chooseMethod(quotes, body.shippingMethodId)
  const totals = computeTotals(lines, method.price, deps.currency)
  const paymentMethod = await tokenizing

  const newLines: NewLine[] = lines.map((l, i) => ({
    position: i + 1,
    variantId: l.variantId,
    productId: l.productId,
    sku: l.sku,
    name: lineNameOf(l.name, l.title),
    unitPriceMinor: l.unitPrice.amount,
    quantity: l.quantity,
    lineTotalMinor: totals.lineTotals[i] ?? 0,
  }))
  const row = await insertWithFreshNumber(deps, {
    customerId: caller.id,
    email: caller.email,
    currency: deps.currency,
    subtotalMinor: totals.subtotal.amount,
    shippingTotalMinor: totals.shippingTotal.amount,
    totalMinor: totals.total.amount,
    shippingAddress: address,
    shippingMethod: methodSnapshot(method),
    paymentMethod,
    lines: newLines,
  })
  return toOrderDto(
    row,
    newLines.map((l) => ({ ...l, orderId: row.id })),
    [{ id: row.id, orderId: row.id, status: row.status, at: row.createdAt }],
    [],
    deps.settings.returnWindowDays,
  )
}

interface Draft {
  customerId: string
  email: string
  currency: string
  subtotalMinor: number
  shippingTotalMinor: number
  totalMinor: number
  shippingAddress: AddressSnapshot
  shippingMethod: MethodSnapshot
  paymentMethod: PaymentMethod
  lines: NewLine[]
}

async function insertWithFreshNumber(deps: OrderDeps, draft: Draft): Promise<OrderRow> {
  const { stepTimeoutSeconds } = deps.settings
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await deps.db.transaction(async (tx) => {
        const { paymentMethod, lines, ...rest } = draft
        const row = await insertOrder(
          tx,
          {
            ...rest,
            id: uuidv7(),
            number: generateOrderNumber(),
            status: 'pending',
            sagaStep: 'reserving',
            paymentMethodId: paymentMethod.id,
            paymentBrand: paymentMethod.brand ?? null,
            paymentLast4: paymentMethod.last4 ?? null,
          },
          lines,
          stepTimeoutSeconds,
        )
        const sold = lines.map((l) => ({ ...l, orderId: row.id }))
        await deps.outbox.add(tx, reserveCommand(row, sold, stepTimeoutSeconds * RESERVATION_STEPS))
        return row
      })
    } catch (err) {
      // The number is drawn at random: when it is taken, draw again.
      const constraint = uniqueViolation(err)
      if ((constraint !== 'orders_number_idx' && constraint !== '') || attempt >= NUMBER_ATTEMPTS) throw err
      deps.log.info({ attempt }, 'order number taken; drawing another')
    }
  }
}

async function addressOf(deps: OrderDeps, authorization: string, body: PlaceOrderBody): Promise<AddressSnapshot> {
  if (body.shippingAddressId) return snapshotOf(await fetchAddress(deps, authorization, body.shippingAddressId))
  if (!body.shippingAddress) throw new RuleViolation('Give a shipping address.', 'address_required', [{ path: 'shippingAddress', message: 'Required' }])
  return snapshotOf(body.shippingAddress)
}

function snapshotOf(a: Address | AddressBody): AddressSnapshot {
  return {
    fullName: a.fullName,
    line1: a.line1,
    line2: a.line2 || null,
    city: a.city,
    region: a.region || null,
    postalCode: a.postalCode,
    country: a.country.toUpperCase(),
    phone: a.phone || null,
  }
}

function chooseMethod(quotes: readonly Quote[], methodId: string): Quote {
  const method = quotes.find((q) => q.methodId === methodId)
  if (!method) {
    throw new RuleViolation('That shipping method is not offered for this cart and address.', 'shipping_method_unavailable', [
      { path: 'shippingMethodId', message: `Choose one of: ${quotes.map((q) => q.methodId).join(', ') || 'none offered'}` },
    ])
  }
  return method
}

function methodSnapshot(q: Quote): MethodSnapshot {
  return { id: q.methodId, name: q.name, carrier: q.carrier ?? '', estimatedDays: q.estimatedDays }
}
