import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import { INBOX_KEY, resendVerification, verifyEmail } from '../../api/account.ts'
import type { User } from '../../api/types.ts'
import { useAppConfig } from '../../app-config.ts'
import { ME_KEY } from '../../auth.tsx'
import { fieldError, FormError } from '../../components/ui.tsx'
import { CodeField } from './fields.tsx'

/** The account's email and whether it is verified; when not, the code form and a way to get a new code. */
export function EmailVerification({ user }: { user: User }) {
  const queryClient = useQueryClient()
  const config = useAppConfig()
  const [code, setCode] = useState('')
  const verify = useMutation({
    mutationFn: () => verifyEmail(code.trim()),
    onSuccess: () => {
      queryClient.setQueryData<User>(ME_KEY, (u) => (u ? { ...u, emailVerified: true } : u))
      void queryClient.invalidateQueries({ queryKey: ME_KEY })
    },
  })
  const resend = useMutation({
    mutationFn: resendVerification,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    verify.mutate()
  }

  return (
    <section className="card" aria-labelledby="email-title">
      <h2 id="email-title">Email</h2>
      <p>
        <strong>{user.email}</strong>{' '}
        {user.emailVerified ? <span className="badge badge-active">Verified</span> : <span className="badge badge-pending">Not verified</span>}
      </p>
      {verify.isSuccess && (
        <p className="success" role="status">
          Thank you: your email address is verified.
        </p>
      )}
      {!user.emailVerified && (
        <form onSubmit={submit} aria-labelledby="verify-title" noValidate>
          <h3 id="verify-title">Verify email</h3>
          <p>Enter the 6-digit code we sent to {user.email}.</p>
          {config?.mail === 'inbox' && (
            <p className="notice">
              This shop sends no email: verification codes arrive in your <Link to="/account/notifications">Inbox</Link> on this site.
            </p>
          )}
          <FormError error={verify.error ?? resend.error} shownFields={['code']} />
          {resend.isSuccess && (
            <p className="success" role="status">
              A new code is on its way.
            </p>
          )}
          <CodeField label="Verification code" value={code} onChange={(e) => setCode(e.target.value)} error={fieldError(verify.error, 'code')} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={verify.isPending}>
              {verify.isPending ? 'Verifying…' : 'Verify email'}
            </button>
            <button type="button" className="button secondary" disabled={resend.isPending} onClick={() => resend.mutate()}>
              {resend.isPending ? 'Sending…' : 'Resend code'}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}
