import { useMutation, useQueryClient } from '@tanstack/react-query'
import QRCode from 'qrcode'
import { type FormEvent, useEffect, useState } from 'react'
import { disableTwoFactor, enableTwoFactor, setupTwoFactor } from '../../api/account.ts'
import type { User } from '../../api/types.ts'
import { ME_KEY } from '../../auth.tsx'
import { fieldError, FormError } from '../../components/ui.tsx'
import { CodeField } from './fields.tsx'

/** Turns authenticator-app codes on (set up, scan, confirm with a code) or off (with a code). */
export function TwoFactor({ user }: { user: User }) {
  const queryClient = useQueryClient()
  const [code, setCode] = useState('')
  const [justChanged, setJustChanged] = useState<'on' | 'off' | null>(null)
  const setup = useMutation({ mutationFn: setupTwoFactor })
  const turned = (on: boolean) => {
    queryClient.setQueryData<User>(ME_KEY, (u) => (u ? { ...u, twoFactorEnabled: on } : u))
    void queryClient.invalidateQueries({ queryKey: ME_KEY })
    setCode('')
    setJustChanged(on ? 'on' : 'off')
    setup.reset()
  }
  const enable = useMutation({ mutationFn: () => enableTwoFactor(code.trim()), onSuccess: () => turned(true) })
  const disable = useMutation({ mutationFn: () => disableTwoFactor(code.trim()), onSuccess: () => turned(false) })
  const action = user.twoFactorEnabled ? disable : enable
  const submit = (e: FormEvent) => {
    e.preventDefault()
    action.mutate()
  }

  const codeField = (
    <CodeField label="Code from your app" value={code} onChange={(e) => setCode(e.target.value)} error={fieldError(action.error, 'code')} />
  )

  return (
    <section className="card" aria-labelledby="tfa-title">
      <h2 id="tfa-title">Two-factor authentication</h2>
      {justChanged && (
        <p className="success" role="status">
          Two-factor authentication is now {justChanged}.
        </p>
      )}
      <p>
        Status: <strong>{user.twoFactorEnabled ? 'On' : 'Off'}</strong>
      </p>
      {user.twoFactorEnabled ? (
        <form onSubmit={submit} noValidate>
          <p>Signing in asks for a code from your authenticator app. To turn this off, enter a current code.</p>
          <FormError error={disable.error} shownFields={['code']} />
          {codeField}
          <button type="submit" className="button danger" disabled={disable.isPending}>
            {disable.isPending ? 'Turning off…' : 'Turn off two-factor authentication'}
          </button>
        </form>
      ) : !setup.data ? (
        <>
          <p>Add a second step to signing in: a 6-digit code from an authenticator app on your phone.</p>
          <FormError error={setup.error} />
          <button type="button" className="button" disabled={setup.isPending} onClick={() => setup.mutate()}>
            {setup.isPending ? 'Setting up…' : 'Set up two-factor authentication'}
          </button>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <ol className="steps">
            <li>
              Scan this QR code with your authenticator app:
              <QrImage text={setup.data.otpauthUrl} />
              Or enter this key by hand: <code className="secret">{setup.data.secret}</code>
            </li>
            <li>Enter the 6-digit code the app shows to turn it on.</li>
          </ol>
          <FormError error={enable.error} shownFields={['code']} />
          {codeField}
          <div className="form-actions">
            <button type="submit" className="button" disabled={enable.isPending}>
              {enable.isPending ? 'Turning on…' : 'Turn on two-factor authentication'}
            </button>
            <button type="button" className="button secondary" onClick={() => setup.reset()}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  )
}

/** The otpauth:// address as a QR code image (a data: URL, drawn in the browser). */
function QrImage({ text }: { text: string }) {
  const [src, setSrc] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    QRCode.toDataURL(text, { margin: 1, width: 200 })
      .then((url) => live && setSrc(url))
      .catch(() => live && setFailed(true))
    return () => {
      live = false
    }
  }, [text])
  if (failed) return <p className="notice">The QR code could not be drawn; enter the key by hand.</p>
  if (!src) return <span className="qr-placeholder" aria-hidden="true" />
  return <img className="qr" src={src} alt="QR code for your authenticator app" width={200} height={200} />
}
