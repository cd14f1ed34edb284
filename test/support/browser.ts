import { existsSync, mkdirSync } from 'node:fs'
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
