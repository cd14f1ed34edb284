import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const shop = process.env.SHOP_URL ?? 'http://localhost:8080'
const proxy = { '/api': shop, '/images': shop, '/app-config.json': shop }

/**
 * The storefront and admin. `npm run build` writes web/dist, which the gateway serves at /;
 * `npm run dev:web` serves the sources with hot reload and sends /api and /images to a shop
 * running on :8080 (`npm start`), or at SHOP_URL.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 600 },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
})
