import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { useId } from 'react'
import { ApiError, isAt, messageOf } from '../api/problem.ts'

/** A region that is loading: announced to screen readers, shown as a quiet line. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  )
}

/** A failed load, with the API's own explanation and a way to try again. */
export function ErrorState({ error, retry, title = 'This could not be loaded' }: { error: unknown; retry?: () => void; title?: string }) {
  return (
    <div className="error-state" role="alert">
      <h2>{title}</h2>
      <p>{messageOf(error)}</p>
      {retry && (
        <button type="button" className="button secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  )
}

/** Nothing to show yet, said plainly, with the next step when there is one. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      {children}
    </div>
  )
}

/**
 * A form's failure: the problem's `detail`, then any `errors[]` whose field the form does not
 * show beside an input (those appear next to their field through `Field`'s `error`); a shown
 * field covers the paths inside it.
 */
export function FormError({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  if (!error) return null
  const rest = error instanceof ApiError ? error.errors.filter((e) => !shownFields.some((f) => isAt(e.path, f))) : []
  return (
    <div className="form-error" role="alert">
      <p>{messageOf(error)}</p>
      {rest.length > 0 && (
        <ul>
          {rest.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {e.path ? <strong>{e.path}</strong> : null} {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** The message the API gave for one field, if the error is an ApiError. */
export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(path) : undefined
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string
  error?: string
  hint?: ReactNode
}

/** A labelled input with its hint and error tied to it for assistive technology. */
export function Field({ label, error, hint, id, ...input }: FieldProps) {
  const auto = useId()
  const inputId = id ?? auto
  const describedBy = [hint ? `${inputId}-hint` : '', error ? `${inputId}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint && (
        <small id={`${inputId}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${inputId}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  )
}

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string
  error?: string
  children: ReactNode
}

export function SelectField({ label, error, id, children, ...select }: SelectFieldProps) {
  const auto = useId()
  const selectId = id ?? auto
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={selectId}>{label}</label>
      <select id={selectId} aria-invalid={error ? true : undefined} aria-describedby={error ? `${selectId}-error` : undefined} {...select}>
        {children}
      </select>
      {error && (
        <small id={`${selectId}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  )
}

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string
  error?: string
}

export function TextAreaField({ label, error, id, ...area }: TextAreaFieldProps) {
  const auto = useId()
  const areaId = id ?? auto
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={areaId}>{label}</label>
      <textarea id={areaId} aria-invalid={error ? true : undefined} aria-describedby={error ? `${areaId}-error` : undefined} {...area} />
      {error && (
        <small id={`${areaId}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  )
}

/** Previous / next over a paged list, with where the reader is. */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages <= 1) return null
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="button secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span aria-current="page">
        Page {page} of {pages}
      </span>
      <button type="button" className="button secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  )
}

/** A coloured label for a status code such as `payment_declined` or `in_transit`. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{status.replaceAll('_', ' ')}</span>
}
