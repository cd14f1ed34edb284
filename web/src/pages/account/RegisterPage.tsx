import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { useAuth } from '../../auth.tsx'
import { Field, fieldError, FormError } from '../../components/ui.tsx'
import { safeNext, withNext } from './next.ts'
import { NewPasswordField } from './fields.tsx'
import './account.css'

const FIELDS = ['firstName', 'lastName', 'email', 'password', 'phone']

/** A new customer account; signed in straight away, then back to where the person was going. */
export function RegisterPage() {
  const { register } = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const next = safeNext(params.get('next'))
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', password: '', phone: '' })
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }))

  const mutation = useMutation({
    mutationFn: () => {
      const phone = form.phone.trim()
      return register({ firstName: form.firstName, lastName: form.lastName, email: form.email, password: form.password, ...(phone ? { phone } : {}) })
    },
    onSuccess: () => navigate(next, { replace: true }),
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }
  const err = mutation.error

  return (
    <div className="acct auth-page">
      <h1>Create an account</h1>
      <form className="card" onSubmit={submit} noValidate>
        <FormError error={err} shownFields={FIELDS} />
        <div className="form-row">
          <Field label="First name" name="firstName" autoComplete="given-name" required value={form.firstName} onChange={set('firstName')} error={fieldError(err, 'firstName')} />
          <Field label="Last name" name="lastName" autoComplete="family-name" required value={form.lastName} onChange={set('lastName')} error={fieldError(err, 'lastName')} />
        </div>
        <Field label="Email" type="email" name="email" autoComplete="email" required value={form.email} onChange={set('email')} error={fieldError(err, 'email')} />
        <NewPasswordField label="Password" name="password" minLength={8} value={form.password} onChange={set('password')} error={fieldError(err, 'password')} />
        <Field label="Phone (optional)" type="tel" name="phone" autoComplete="tel" value={form.phone} onChange={set('phone')} error={fieldError(err, 'phone')} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? 'Creating your account…' : 'Create account'}
          </button>
        </div>
      </form>
      <p className="auth-alt">
        Already have an account? <Link to={withNext('/signin', next)}>Sign in</Link>
      </p>
    </div>
  )
}
