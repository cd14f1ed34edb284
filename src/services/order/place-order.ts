import { v5 as uuidv5 } from 'uuid'
import type { AuthUser } from '../../platform/auth.ts'
import type { DbOrTx } from '../../platform/db/db.ts'
import { Conflict, RuleViolation } from '../../platform/errors.ts'
import { uniqueViolation } from '../../platform/db/pg-errors.ts'
import { reserveCommand } from './order.events.ts'
import { CAPTURE_STEP_FACTOR } from './saga-step.ts'
import type { OrderDeps } from './order.deps.ts'
import { assertCartOrderable, computeTotals, generateOrderNumber, lineNameOf } from './order.rules.ts'
import type { AddressSnapshot, MethodSnapshot, OrderRow } from './order.tables.ts'
import { type AddressBody, type OrderDto, type PlaceOrderBody, toOrderDto } from './orders.dto.ts'
import { insertOrder, type NewLine } from './orders.repo.ts'
import { type Address, claimCart, createPaymentMethod, fetchAddress, type PaymentMethod, type Quote, quoteShipping, releaseCart } from './services.client.ts'

/** How many random order numbers are tried before giving up (a collision is already rare). */
const NUMBER_ATTEMPTS = 5
/**
 * The reservation outlives the saga's own deadlines (reserving, authorizing, and capturing at
 * CAPTURE_STEP_FACTOR steps), so the saga decides; inventory's sweeper frees it if ordering dies.
 */
const RESERVATION_STEPS = 2 + CAPTURE_STEP_FACTOR + 1
/** Order ids are derived from the caller and the Idempotency-Key in this namespace. */
const ORDER_ID_NAMESPACE = '1d9f0c1e-6d3a-4f0b-9a57-3e2b7c4d5a60'

/** Where the placement's answer is recorded: in the transaction that writes the order. */
export type RecordAnswer = (tx: DbOrTx, status: number, body: unknown) => Promise<void>

/**
 * One key, one order: the order's id follows from the caller and the Idempotency-Key, so a
 * placement retried after a crash claims the cart for the same order it was placing.
 */
export function orderIdFor(callerId: string, idempotencyKey: string): string {
  return uuidv5(`${callerId}:${idempotencyKey}`, ORDER_ID_NAMESPACE)
}

/**
 * Checkout: the cart is claimed for this order (no second checkout starts from it while this one
 * is settled) while the address and the card token are fetched, then the shipping quote; the
 * server works out every total. Only then one short transaction writes the pending order with its
 * snapshots, its history, the inventory.reserve command and the request's answer, so that a crash
 * at any point leaves either no order (the retry places it) or one (the retry replays it). The saga
 * takes it from there; the answer is 202 with the order pending. A placement refused before its
 * order is written lets go of the cart.
 */
export async function placeOrder(
  deps: OrderDeps,
  caller: AuthUser,
  authorization: string,
  body: PlaceOrderBody,
  request: { idempotencyKey: string; recordAnswer: RecordAnswer },
): Promise<OrderDto> {
  const orderId = orderIdFor(caller.id, request.idempotencyKey)
  const claiming = claimCart(deps, authorization, orderId)
  let claimed = false
  claiming.then(() => (claimed = true)).catch(() => undefined)
  try {
    return await place(deps, caller, authorization, body, orderId, claiming, request.recordAnswer)
  } catch (err) {
    if (claimed) void releaseCart(deps, authorization, orderId)
    throw err
  }
}

async function place(
  deps: OrderDeps,
  caller: AuthUser,
  authorization: string,
  body: PlaceOrderBody,
  orderId: string,
  claiming: ReturnType<typeof claimCart>,
  recordAnswer: RecordAnswer,
): Promise<OrderDto> {
  const { method: _card, ...card } = body.payment
  const tokenizing = createPaymentMethod(deps, authorization, card)
  // Awaited below; until then a failure must not count as unhandled.
  tokenizing.catch(() => undefined)
  const [cart, address] = await Promise.all([claiming, addressOf(deps, authorization, body)])
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
  const draft: Draft = {
    id: orderId,
    cartId: cart.id,
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
  }
  return insertWithFreshNumber(deps, draft, async (tx, row) => {
    const dto = toOrderDto(
      row,
      newLines.map((l) => ({ ...l, orderId: row.id })),
      [{ id: row.id, orderId: row.id, status: row.status, at: row.createdAt }],
      [],
      deps.settings.returnWindowDays,
    )
    await recordAnswer(tx, 202, dto)
    return dto
  })
}

interface Draft {
  id: string
  cartId: string
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

/** Writes the order, its reserve command and (through `finish`) the answer in one transaction, drawing another number if one is taken. */
async function insertWithFreshNumber<T>(deps: OrderDeps, draft: Draft, finish: (tx: DbOrTx, row: OrderRow) => Promise<T>): Promise<T> {
  const { stepTimeoutSeconds } = deps.settings
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await deps.db.transaction(async (tx) => {
        const { paymentMethod, lines, ...rest } = draft
        const row = await insertOrder(
          tx,
          {
            ...rest,
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
        return finish(tx, row)
      })
    } catch (err) {
      const constraint = uniqueViolation(err)
      // The cart's hold ran out while an order from it is still pending: still one order at a time.
      if (constraint === 'orders_pending_cart_idx') throw new Conflict('An order from this cart is already being placed.', 'checkout_in_progress')
      // The number is drawn at random: when it is taken, draw again.
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
