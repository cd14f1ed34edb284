import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { ApiError } from '../../api/problem.ts'
import { useAuth } from '../../auth.tsx'
import { Field, FormError, fieldError } from '../../components/ui.tsx'
import { CodeField } from './fields.tsx'
import { safeNext, withNext } from './next.ts'
import './account.css'

/** Email and password; a second step asks for the authenticator code when the account has 2FA on. */
export function SignInPage() {
  const { signIn } = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const next = safeNext(params.get('next'))
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [totp, setTotp] = useState('')
  const [needsCode, setNeedsCode] = useState(false)

  const mutation = useMutation({
    mutationFn: () => signIn(email, password, needsCode ? totp.trim() : undefined),
    onSuccess: () => navigate(next, { replace: true }),
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'totp_required') setNeedsCode(true)
    },
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }
  // The first "code required" answer is the next step, not a failure.
  const askingForCode = mutation.error instanceof ApiError && mutation.error.code === 'totp_required'

  return (
    <div className="acct auth-page">
      <h1>Sign in</h1>
      <form className="card" onSubmit={submit} noValidate>
        {askingForCode ? (
          <p className="notice" role="status">
            This account uses two-factor authentication. Enter the 6-digit code from your authenticator app.
          </p>
        ) : (
          <FormError error={mutation.error} shownFields={['email', 'password', 'totp']} />
        )}
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(mutation.error, 'email')}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(mutation.error, 'password')}
        />
        {needsCode && (
          <CodeField
            label="Authentication code"
            name="totp"
            pattern="[0-9]{6}"
            autoFocus
            value={totp}
            onChange={(e) => setTotp(e.target.value)}
            hint="6 digits from your authenticator app"
            error={fieldError(mutation.error, 'totp')}
          />
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? 'Signing in…' : 'Sign in'}
          </button>
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
      </form>
      <p className="auth-alt">
        New here? <Link to={withNext('/register', next)}>Create an account</Link>
      </p>
    </div>
  )
}
