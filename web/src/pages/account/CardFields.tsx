import { useAppConfig } from '../../app-config.ts'
import { Field, fieldError } from '../../components/ui.tsx'

export interface CardDraft {
  cardNumber: string
  expMonth: string
  expYear: string
  cvc: string
}

export const EMPTY_CARD: CardDraft = { cardNumber: '', expMonth: '', expYear: '', cvc: '' }

/** The card as the order API takes it: digits only, numeric month and four-digit year. */
export function cardInputOf(c: CardDraft) {
  const year = Number.parseInt(c.expYear.trim(), 10)
  return {
    method: 'card' as const,
    cardNumber: c.cardNumber.replace(/\D/g, ''),
    expMonth: Number.parseInt(c.expMonth.trim(), 10) || 0,
    expYear: Number.isNaN(year) ? 0 : year < 100 ? 2000 + year : year,
    cvc: c.cvc.trim(),
  }
}

/** Card details; with the payment simulator, the test cards that make each outcome happen. */
export function CardFields({ value, onChange, error }: { value: CardDraft; onChange: (c: CardDraft) => void; error: unknown }) {
  const config = useAppConfig()
  const set = (key: keyof CardDraft) => (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value })
  const err = (path: string) => fieldError(error, `payment.${path}`)
  return (
    <fieldset className="card">
      <legend>Payment</legend>
      {config?.paymentProvider === 'simulator' && <TestCards />}
      <Field
        label="Card number"
        name="cardNumber"
        inputMode="numeric"
        autoComplete="cc-number"
        required
        maxLength={23}
        value={value.cardNumber}
        onChange={set('cardNumber')}
        error={err('cardNumber')}
      />
      <div className="form-row card-row">
        <Field
          label="Expiry month"
          name="expMonth"
          inputMode="numeric"
          autoComplete="cc-exp-month"
          placeholder="MM"
          required
          maxLength={2}
          value={value.expMonth}
          onChange={set('expMonth')}
          error={err('expMonth')}
        />
        <Field
          label="Expiry year"
          name="expYear"
          inputMode="numeric"
          autoComplete="cc-exp-year"
          placeholder="YYYY"
          required
          maxLength={4}
          value={value.expYear}
          onChange={set('expYear')}
          error={err('expYear')}
        />
        <Field label="CVC" name="cvc" inputMode="numeric" autoComplete="cc-csc" required maxLength={4} value={value.cvc} onChange={set('cvc')} error={err('cvc')} />
      </div>
    </fieldset>
  )
}

const TEST_CARDS = [
  ['4242 4242 4242 4242', 'approved'],
  ['4000 0000 0000 0002', 'declined'],
  ['4000 0000 0000 9995', 'declined: insufficient funds'],
  ['4000 0000 0000 0259', 'approved, then disputed later'],
] as const

function TestCards() {
  return (
    <aside className="test-cards" aria-labelledby="test-cards-title">
      <h3 id="test-cards-title">Test cards</h3>
      <p>This shop uses the payment simulator: no real card is charged. Use any future expiry date and any CVC.</p>
      <ul>
        {TEST_CARDS.map(([number, outcome]) => (
          <li key={number}>
            <code>{number}</code> — {outcome}
          </li>
        ))}
      </ul>
    </aside>
  )
}
