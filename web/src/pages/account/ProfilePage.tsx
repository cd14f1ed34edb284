import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import { updateProfile } from '../../api/account.ts'
import type { User } from '../../api/types.ts'
import { ME_KEY, useAuth } from '../../auth.tsx'
import { Field, fieldError, FormError, Loading } from '../../components/ui.tsx'
import { formatDate } from '../../format.ts'
import { AccountNav } from './AccountNav.tsx'
import { EmailVerification } from './EmailVerification.tsx'
import './account.css'

/** Name and phone, the email address and whether it is verified, and the way to the rest of the account. */
export function ProfilePage() {
  const { user } = useAuth()
  if (!user) return <Loading />
  return (
    <div className="acct account-page">
      <h1>Your account</h1>
      <AccountNav />
      <div className="split">
        <div className="stack">
          <ProfileForm key={user.id} user={user} />
          <EmailVerification user={user} />
        </div>
        <nav className="card account-links" aria-labelledby="more-title">
          <h2 id="more-title">More</h2>
          <ul>
            <li>
              <Link to="/account/orders">Orders</Link> — track, cancel or return
            </li>
            <li>
              <Link to="/account/addresses">Addresses</Link> — your address book
            </li>
            <li>
              <Link to="/account/security">Security</Link> — password and two-factor authentication
            </li>
            <li>
              <Link to="/account/notifications">Inbox</Link> — messages we sent you
            </li>
          </ul>
          <p className="muted">Customer since {formatDate(user.createdAt)}</p>
        </nav>
      </div>
    </div>
  )
}

function ProfileForm({ user }: { user: User }) {
  const queryClient = useQueryClient()
  const [form, setForm] = useState({ firstName: user.firstName, lastName: user.lastName, phone: user.phone ?? '' })
  const save = useMutation({
    mutationFn: () => updateProfile({ firstName: form.firstName.trim(), lastName: form.lastName.trim(), phone: form.phone.trim() || null }),
    onSuccess: (updated) => queryClient.setQueryData(ME_KEY, updated),
  })
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => {
    save.reset()
    setForm((f) => ({ ...f, [key]: e.target.value }))
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate()
  }
  const err = save.error
  return (
    <form className="card" onSubmit={submit} aria-labelledby="profile-title" noValidate>
      <h2 id="profile-title">Profile</h2>
      <FormError error={err} shownFields={['firstName', 'lastName', 'phone']} />
      {save.isSuccess && (
        <p className="success" role="status">
          Your profile was saved.
        </p>
      )}
      <div className="form-row">
        <Field label="First name" autoComplete="given-name" required value={form.firstName} onChange={set('firstName')} error={fieldError(err, 'firstName')} />
        <Field label="Last name" autoComplete="family-name" required value={form.lastName} onChange={set('lastName')} error={fieldError(err, 'lastName')} />
      </div>
      <Field label="Phone" type="tel" autoComplete="tel" hint="Optional" value={form.phone} onChange={set('phone')} error={fieldError(err, 'phone')} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save profile'}
        </button>
      </div>
    </form>
  )
}
