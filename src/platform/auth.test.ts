import { randomUUID } from 'node:crypto'
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { createTokenVerifier, remoteJwks } from './auth.ts'
import { ServiceUnavailable, Unauthorized } from './errors.ts'
import { freePort } from '../../test/support/http.ts'

async function keyPair(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true })
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' } }
}

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey']

async function sign(key: { kid: string; privateKey: PrivateKey }, claims: Record<string, unknown> = {}, expiresIn = '15m') {
  return new SignJWT({ role: 'customer', email: 'a@example.com', sid: randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .setSubject(randomUUID())
    .setIssuer('emporium')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key.privateKey)
}

describe('access-token verification', () => {
  it('accepts a token signed by a published key and reads the caller from it', async () => {
    const key = await keyPair('k1')
    const verifier = createTokenVerifier(createLocalJWKSet({ keys: [key.jwk] }), 'emporium')
    const user = await verifier.verify(await sign(key, { role: 'admin' }))
    expect(user.role).toBe('admin')
  })

  it('refuses a token signed by an unpublished key, an expired one and one with claims off contract as 401', async () => {
    const published = await keyPair('k1')
    const other = await keyPair('k1')
    const verifier = createTokenVerifier(createLocalJWKSet({ keys: [published.jwk] }), 'emporium')
    await expect(verifier.verify(await sign(other))).rejects.toBeInstanceOf(Unauthorized)
    await expect(verifier.verify(await sign(published, {}, '-1m'))).rejects.toMatchObject({ status: 401, code: 'token_expired' })
    await expect(verifier.verify(await sign(published, { role: 'superuser' }))).rejects.toBeInstanceOf(Unauthorized)
    await expect(verifier.verify('not.a.token')).rejects.toBeInstanceOf(Unauthorized)
  })

  it('when the key set cannot be fetched, then 503, not 401: an outage must not log people out', async () => {
    const key = await keyPair('k1')
    const port = await freePort()
    const verifier = createTokenVerifier(remoteJwks(`http://127.0.0.1:${port}/.well-known/jwks.json`, 60), 'emporium')
    const err = await verifier.verify(await sign(key)).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ServiceUnavailable)
    expect(err).toMatchObject({ status: 503 })
  })
})
