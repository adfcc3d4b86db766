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
    // The chart library, shared by the lazily loaded charts, gets a chunk of its own; name it for
    // what it is (the initial bundle lists it only as a chart's dependency, never loads it).
    rolldownOptions: {
      output: {
        chunkFileNames: (chunk) => (/uplot/i.test(chunk.name) ? 'assets/chart-[hash].js' : 'assets/[name]-[hash].js'),
        assetFileNames: (asset) => (/uplot/i.test(asset.names?.[0] ?? '') ? 'assets/chart-[hash][extname]' : 'assets/[name]-[hash][extname]'),
      },
    },
  },
});
