import { errors as joseErrors, exportJWK, generateKeyPair, importJWK, type JWTVerifyGetKey, SignJWT } from 'jose'
import { v7 as uuidv7 } from 'uuid'
import type { Config } from '../../platform/config.ts'
import type { Db } from '../../platform/db/db.ts'
import { signingKeyIsStale, signingKeyOf } from './identity.rules.ts'
import type { SigningKeyRow } from './identity.tables.ts'
import { insertSigningKey, newestSigningKeys, withSigningKeyLock } from './keys.repo.ts'

export const TOKEN_ALG = 'EdDSA'
/** The current key and the previous one: tokens signed before a rotation stay valid. */
const PUBLISHED_KEYS = 2
/** An unknown `kid` reloads the keys from the database at most this often. */
const MISS_RELOAD_MS = 1_000

type Key = Awaited<ReturnType<typeof importJWK>>

interface LoadedKey {
  kid: string
  createdAt: Date
  publicJwk: { kty: string; crv: string; x: string }
  publicKey: Key
  privateKey: Key
}

export interface PublicJwk {
  kty: string
  crv: string
  x: string
  kid: string
  alg: string
  use: string
}

/**
 * Identity's Ed25519 signing keys, kept in its own table and cached in memory. The newest signs;
 * the newest two verify and are published. A `kid` not in the cache reloads it, so a key made by
 * another replica is picked up.
 */
export class SigningKeys {
  private keys: LoadedKey[] = []
  private loadedAt = 0
  private loading: Promise<void> | undefined
  private lastMissReload = 0

  constructor(
    private readonly db: Db,
    private readonly auth: Config['auth'],
  ) {}

  /** Makes a key when there is none or the newest is older than the rotation period. True when it made one. */
  async ensureCurrent(now = new Date()): Promise<boolean> {
    const made = await withSigningKeyLock(this.db, async (tx) => {
      const [newest] = await newestSigningKeys(tx, 1)
      if (newest && !signingKeyIsStale(newest.createdAt, now, this.auth.signingKeyRotationDays)) return false
      const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALG, { extractable: true })
      await insertSigningKey(tx, {
        id: uuidv7(),
        algorithm: TOKEN_ALG,
        publicJwk: await exportJWK(publicKey),
        privateJwk: await exportJWK(privateKey),
      })
      return true
    })
    await this.reload()
    return made
  }

  /**
   * Signs an access token with the newest key that has been published long enough for every
   * service to have fetched it (a new key is announced before it is used), or with the only key.
   */
  async sign(claims: { sub: string; role: string; email: string; sid: string }): Promise<string> {
    const key = signingKeyOf(await this.fresh(), Date.now())
    if (!key) throw new Error('identity has no signing key yet')
    const now = Math.floor(Date.now() / 1000)
    return new SignJWT({ role: claims.role, email: claims.email, sid: claims.sid })
      .setProtectedHeader({ alg: TOKEN_ALG, kid: key.kid, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(this.auth.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + this.auth.accessTokenTtlSeconds)
      .setJti(uuidv7())
      .sign(key.privateKey)
  }

  async jwks(): Promise<{ keys: PublicJwk[] }> {
    const keys = await this.fresh()
    return { keys: keys.map((k) => ({ ...k.publicJwk, kid: k.kid, alg: TOKEN_ALG, use: 'sig' })) }
  }

  /** The `tokenKeys` of identity: verifies its own tokens without HTTP. */
  readonly getKey: JWTVerifyGetKey = async (header) => {
    const kid = header.kid
    let key = (await this.fresh()).find((k) => k.kid === kid)
    if (!key && kid && Date.now() - this.lastMissReload >= MISS_RELOAD_MS) {
      this.lastMissReload = Date.now()
      await this.reload()
      key = this.keys.find((k) => k.kid === kid)
    }
    if (!key) throw new joseErrors.JWKSNoMatchingKey()
    return key.publicKey
  }

  private async fresh(): Promise<LoadedKey[]> {
    if (this.keys.length === 0 || Date.now() - this.loadedAt > this.auth.jwksCacheSeconds * 1000) await this.reload()
    return this.keys
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const rows = await newestSigningKeys(this.db, PUBLISHED_KEYS)
        this.keys = await Promise.all(rows.map(load))
        this.loadedAt = Date.now()
      } finally {
        this.loading = undefined
      }
    })()
    return this.loading
  }
}

async function load(row: SigningKeyRow): Promise<LoadedKey> {
  const { kty, crv, x } = row.publicJwk
  if (!kty || !crv || !x) throw new Error(`signing key ${row.id} has no usable public JWK`)
  const publicJwk = { kty, crv, x }
  return {
    kid: row.id,
    createdAt: row.createdAt,
    publicJwk,
    publicKey: await importJWK(publicJwk, TOKEN_ALG),
    privateKey: await importJWK(row.privateJwk, TOKEN_ALG),
  }
}

const stores = new WeakMap<Db, SigningKeys>()

/** One key store per service instance (its db handle), shared by tokenKeys, routes and start. */
export function signingKeysFor(db: Db, auth: Config['auth']): SigningKeys {
  let store = stores.get(db)
  if (!store) {
    store = new SigningKeys(db, auth)
    stores.set(db, store)
  }
  return store
}
