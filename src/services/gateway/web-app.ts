import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import type { Config } from '../../platform/config.ts'
import type { App } from '../../platform/http.ts'

/** web/dist, the same three levels up from src/services/gateway and dist/services/gateway. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url))

/** Paths the storefront never owns: a miss there is the API's 404, not the app's page. */
const NOT_THE_APP = /^\/(api|docs|health|metrics|images|\.well-known)(\/|$)/

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
}

const gzipped = promisify(gzip)

interface Asset {
  type: string
  body: Buffer
  /** Worth compressing (text, over 1 KB). */
  compressible: boolean
  /** The gzipped body, made on the first request that accepts it (off the start-up path). */
  gzipped?: Promise<Buffer>
  /** Vite's hashed files under /assets never change; everything else is revalidated. */
  immutable: boolean
}

/**
 * Serves the built storefront and admin (web/dist) at `/`: files as they are, gzipped when the
 * browser accepts it, and index.html for every other path so the app's own routes work on a
 * reload. `/app-config.json` tells the app how this shop runs (mode, payment provider, whether mail
 * leaves the shop or stays in the inbox). Files are read once, at start.
 */
export function registerWebApp(app: App, config: Config, dir = WEB_DIST): void {
  const assets = loadAssets(dir)
  const appConfig = JSON.stringify({ mode: config.mode, paymentProvider: config.payment.provider, mail: config.mail.smtpUrl ? 'smtp' : 'inbox' })

  // Files served from memory cost next to nothing: a page load does not spend the API's rate limit.
  const route = { schema: { hide: true }, config: { gatewayLimit: 'none' as const } }

  app.get('/app-config.json', route, async (_req, reply) =>
    reply.type('application/json').header('cache-control', 'no-cache').send(appConfig),
  )

  app.get('/*', route, async (req, reply) => {
    const urlPath = decodeURIComponentSafe(req.url.split('?')[0] ?? '/')
    if (urlPath === undefined || NOT_THE_APP.test(urlPath)) return reply.callNotFound()
    const asset = assets.get(urlPath) ?? (path.extname(urlPath) ? undefined : assets.get('/index.html'))
    if (!asset) {
      if (assets.size === 0 && !path.extname(urlPath)) {
        return reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send('The storefront is not built yet: run `npm run build` (npm start does this for you).')
      }
      return reply.callNotFound()
    }
    reply.type(asset.type).header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    reply.header('vary', 'accept-encoding')
    if (asset.compressible && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      asset.gzipped ??= gzipped(asset.body, { level: 9 })
      return reply.header('content-encoding', 'gzip').send(await asset.gzipped)
    }
    return reply.send(asset.body)
  })
}

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  if (!existsSync(dir)) return assets
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      const full = path.join(at, entry)
      if (statSync(full).isDirectory()) {
        walk(full)
        continue
      }
      const urlPath = '/' + path.relative(dir, full).split(path.sep).join('/')
      const type = TYPES[path.extname(full)] ?? 'application/octet-stream'
      const body = readFileSync(full)
      const compressible = /^(text\/|application\/json|image\/svg)/.test(type) && body.length > 1024
      assets.set(urlPath, { type, body, compressible, immutable: urlPath.startsWith('/assets/') })
    }
  }
  walk(dir)
  return assets
}

function decodeURIComponentSafe(s: string): string | undefined {
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}
