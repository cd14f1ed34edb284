import { describe, expect, it } from 'vitest'
import { hashPassword, verifyDummyPassword, verifyPassword } from './passwords.ts'
import { matchTotp, newTotpSecret } from './totp.ts'
import { Secret, TOTP } from 'otpauth'

describe('password hashing', () => {
  it('when a password is hashed, then it is argon2id with a salt, and verifies only with that password', async () => {
    const a = await hashPassword('Passw0rd!')
    const b = await hashPassword('Passw0rd!')
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword(a, 'Passw0rd!')).toBe(true)
    expect(await verifyPassword(a, 'passw0rd!')).toBe(false)
  })

  it('when the stored hash is garbage, then verification is false, not an error', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false)
    expect(await verifyDummyPassword('anything')).toBe(false)
  })
})

describe('TOTP', () => {
  it('when a code of the secret is checked, then its time step comes back; a wrong code gives undefined', () => {
    const { secret, otpauthUrl } = newTotpSecret('ada@example.com')
    expect(otpauthUrl).toContain('issuer=Emporium')
    const now = Date.UTC(2030, 0, 1, 0, 0, 15)
    const totp = new TOTP({ secret: Secret.fromBase32(secret) })
    const step = Math.floor(now / 30_000)
    expect(matchTotp(secret, totp.generate({ timestamp: now }), now)).toBe(step)
    expect(matchTotp(secret, totp.generate({ timestamp: now - 30_000 }), now)).toBe(step - 1)
    expect(matchTotp(secret, totp.generate({ timestamp: now - 90_000 }), now)).toBeUndefined()
  })
})
