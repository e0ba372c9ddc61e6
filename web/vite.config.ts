// Builds the browser UI from web/ into dist/web, where the server serves it. In development,
// `npm run dev:web` serves the UI with hot reload and forwards /api to a server on port 8080.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

const webDir = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: webDir,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Small assets inlined as data: URIs would be fine for images, but keep everything a file so
    // the strict Content Security Policy never has to allow more.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
})
