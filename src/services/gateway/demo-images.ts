import { z } from 'zod'
import type { App } from '../../platform/http.ts'

/**
 * `/images/demo/<name>.svg`: the picture the demo catalog's products point at, one per
 * category, drawn here so the demo shop shows images without any file or network fetch.
 */
export function registerDemoImages(app: App): void {
  app.get(
    '/images/demo/:file',
    {
      schema: {
        hide: true,
        params: z.object({ file: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}\.svg$/, 'a demo image name such as vitamin-c.svg') }),
      },
    },
    async (req, reply) =>
      reply
        .type('image/svg+xml')
        .header('cache-control', 'public, max-age=86400, immutable')
        .send(demoImage(req.params.file.replace(/\.svg$/, ''))),
  )
}

/** A square card in a colour of its own, with the name written on it. Pure. */
export function demoImage(name: string): string {
  let hash = 0
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  const hue = hash % 360
  const label = name
    .split('-')
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600" role="img" aria-label="${label}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,88%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},50%,72%)"/></linearGradient></defs>
<rect width="600" height="600" fill="url(#g)"/>
<circle cx="300" cy="250" r="110" fill="hsl(${hue},45%,96%)" opacity="0.85"/>
<text x="300" y="470" font-family="system-ui,sans-serif" font-size="38" font-weight="600" text-anchor="middle" fill="hsl(${hue},40%,25%)">${label}</text>
</svg>`
}
