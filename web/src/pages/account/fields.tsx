import type { ComponentProps } from 'react'
import { Field } from '../../components/ui.tsx'

type FieldProps = ComponentProps<typeof Field>

/** What the API asks of a new password, said under every field that sets one. */
export const PASSWORD_RULES = 'At least 8 characters, with an upper-case letter, a lower-case letter and a digit.'

/** A 6-digit one-time code (emailed, or from an authenticator app). */
export function CodeField(props: FieldProps) {
  return <Field inputMode="numeric" autoComplete="one-time-code" maxLength={6} required {...props} />
}

/** A password being chosen, with the rules it must meet as its hint. */
export function NewPasswordField(props: FieldProps) {
  return <Field type="password" autoComplete="new-password" required hint={PASSWORD_RULES} {...props} />
}
