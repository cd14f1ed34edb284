import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import { forgotPassword } from '../../api/account.ts'
import { useAppConfig } from '../../app-config.ts'
import { Field, fieldError, FormError } from '../../components/ui.tsx'
import './account.css'

/** Asks for a reset code. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const config = useAppConfig()
  const [email, setEmail] = useState('')
  const mutation = useMutation({ mutationFn: () => forgotPassword(email.trim()) })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }
  const resetLink = `/reset-password?email=${encodeURIComponent(email.trim())}`

  return (
    <div className="acct auth-page">
      <h1>Forgot your password?</h1>
      {mutation.isSuccess ? (
        <div className="card stack">
          <p className="success" role="status">
            If an account exists for <strong>{email.trim()}</strong>, a 6-digit reset code has been sent to it. The code expires soon; at most one
            code is sent per minute.
          </p>
          {config?.mail === 'inbox' && <EmbeddedMailNote />}
          <p>
            <Link className="button" to={resetLink}>
              Enter the code
            </Link>
          </p>
        </div>
      ) : (
        <form className="card" onSubmit={submit} noValidate>
          <p>Enter the email address of your account and we will send you a code to set a new password.</p>
          <FormError error={mutation.error} shownFields={['email']} />
          <Field
            label="Email"
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldError(mutation.error, 'email')}
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={mutation.isPending}>
              {mutation.isPending ? 'Sending…' : 'Send reset code'}
            </button>
            <Link to="/reset-password">I already have a code</Link>
          </div>
        </form>
      )}
      <p className="auth-alt">
        Remembered it? <Link to="/signin">Sign in</Link>
      </p>
    </div>
  )
}

/**
 * What happens to the code in a shop without a mail server (SMTP_URL unset, as in embedded
 * mode): no mail leaves the shop, and the message is only kept in the notification store.
 */
function EmbeddedMailNote() {
  return (
    <div className="notice">
      <p>
        <strong>This shop sends no email</strong> (no mail server is set up, as in embedded mode): the reset code is kept as a message
        in the shop's notification store instead.
      </p>
      <ul>
        <li>If you are still signed in on another device or tab, the code is in your Inbox (Account → Inbox).</li>
        <li>Otherwise the shop's administrator can read it under Admin → Notifications and pass it on.</li>
      </ul>
    </div>
  )
}
