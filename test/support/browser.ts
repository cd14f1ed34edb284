import { existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'

/** Debian's Chromium (`apt-get install -y chromium`); the tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export const SCREENSHOTS = path.resolve('test-artifacts', 'screenshots')

/**
 * True when Chromium is installed. Under CI=true a missing browser fails the suite; elsewhere
 * the browser tests are skipped with a visible warning, like the integration suites.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true
  if (process.env.CI === 'true') throw new Error(`CI=true and no Chromium at ${CHROMIUM}: run apt-get install -y chromium.`)
  console.warn(`\n⚠️  SKIPPING browser tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium).\n`)
  return false
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  })
}

/** Saves the page as test-artifacts/screenshots/<name>-<width>.png, at 390 px (a phone) and 1280 px. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const original = page.viewportSize() ?? { width: 1280, height: 900 }
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 })
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true })
  }
  await page.setViewportSize(original)
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/**
 * What axe-core finds against WCAG 2.1 A and AA on the page as it stands, one line per rule
 * broken (with the first elements that break it). The page's context must bypass CSP.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE })
  const found = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))",
  )) as Array<{ id: string; impact: string; targets: string[] }>
  return found.map((v) => `${v.impact} ${v.id} at ${v.targets.join(', ')}`)
}
