import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { resetPassword } from '../../api/account.ts'
import { Field, fieldError, FormError } from '../../components/ui.tsx'
import { CodeField, NewPasswordField } from './fields.tsx'
import './account.css'

/** The emailed code and a new password; every session ends, so the person signs in again. */
export function ResetPasswordPage() {
  const [params] = useSearchParams()
  const [email, setEmail] = useState(params.get('email') ?? '')
  const [code, setCode] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const mutation = useMutation({ mutationFn: () => resetPassword({ email: email.trim(), code: code.trim(), newPassword }) })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }
  const err = mutation.error

  return (
    <div className="acct auth-page">
      <h1>Set a new password</h1>
      {mutation.isSuccess ? (
        <div className="card">
          <p className="success" role="status">
            Your password has been changed. Any other sessions were signed out.
          </p>
          <p>
            <Link className="button" to="/signin">
              Sign in
            </Link>
          </p>
        </div>
      ) : (
        <form className="card" onSubmit={submit} noValidate>
          <FormError error={err} shownFields={['email', 'code', 'newPassword']} />
          <Field label="Email" type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError(err, 'email')} />
          <CodeField
            label="Reset code"
            name="code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            hint="The 6-digit code from the reset message"
            error={fieldError(err, 'code')}
          />
          <NewPasswordField
            label="New password"
            name="newPassword"
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
            error={fieldError(err, 'newPassword')}
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={mutation.isPending}>
              {mutation.isPending ? 'Saving…' : 'Set new password'}
            </button>
            <Link to="/forgot-password">Send a new code</Link>
          </div>
        </form>
      )}
    </div>
  )
}
