/**
 * The desk's build: `npm run build --prefix desk` → dist-desk/ at the repository root, served by the local cloud at
 * /desk/ and uploaded by deploy to CloudBase static hosting. `base: './'` makes it work under any path. A build with
 * VITE_CLOUDBASE_ENV set talks to that CloudBase environment; without it, to the local cloud that serves it.
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  root: here,
  base: './',
  build: {
    outDir: resolve(here, '../dist-desk'),
    emptyOutDir: true,
    // bench/sizes.ts reads which files each page loads from it.
    manifest: true,
    target: 'es2020',
    // Figures come from bench/desk.ts (gzipped, per first load); Vite's own warning is per chunk and raw.
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
  },
  server: { fs: { allow: [resolve(here, '..')] } },
})
