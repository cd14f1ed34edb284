// `npm start`: runs the compiled shop (dist/) with the built storefront (web/dist), building
// both first when anything in src/ or web/ is newer than the last build. Compiled code starts
// in about half the time tsx needs; `npm run dev` runs the sources directly.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildIfStale } from './build-if-stale.mjs'

buildIfStale()
await import(pathToFileURL(path.resolve(import.meta.dirname, '..', 'dist', 'main.js')).href)
