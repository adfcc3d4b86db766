import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console is built into dist/web, which `concord serve` answers at /. Asset names carry
// a content hash (long-cached); index.html holds no inline script (strict CSP).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    // The chart library is shared by several lazily loaded charts: one chunk of its own, named
    // for what it is, that only a chart's first showing loads.
    rollupOptions: { output: { manualChunks: (id) => (id.includes('/node_modules/uplot/') ? 'chart' : undefined) } },
  },
});
