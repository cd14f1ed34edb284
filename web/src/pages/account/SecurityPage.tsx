import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { changePassword } from '../../api/account.ts'
import { useAuth } from '../../auth.tsx'
import { Field, fieldError, FormError, Loading } from '../../components/ui.tsx'
import { AccountNav } from './AccountNav.tsx'
import { TwoFactor } from './TwoFactor.tsx'
import { NewPasswordField } from './fields.tsx'
import './account.css'

/** Password and two-factor authentication. */
export function SecurityPage() {
  const { user } = useAuth()
  if (!user) return <Loading />
  return (
    <div className="acct account-page">
      <h1>Security</h1>
      <AccountNav />
      <div className="security-grid">
        <ChangePassword />
        <TwoFactor user={user} />
      </div>
    </div>
  )
}

function ChangePassword() {
  const [currentPassword, setCurrent] = useState('')
  const [newPassword, setNew] = useState('')
  const change = useMutation({
    mutationFn: () => changePassword({ currentPassword, newPassword }),
    onSuccess: () => {
      setCurrent('')
      setNew('')
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    change.mutate()
  }
  const err = change.error
  return (
    <form className="card" onSubmit={submit} aria-labelledby="password-title" noValidate>
      <h2 id="password-title">Change password</h2>
      {change.isSuccess && (
        <p className="success" role="status">
          Your password was changed. You were signed out everywhere else.
        </p>
      )}
      <FormError error={err} shownFields={['currentPassword', 'newPassword']} />
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
        error={fieldError(err, 'currentPassword')}
      />
      <NewPasswordField label="New password" value={newPassword} onChange={(e) => setNew(e.target.value)} error={fieldError(err, 'newPassword')} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={change.isPending}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  )
}
