// The web UI's build: React with Vite, output in web/dist, which the API process serves at /.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npx vite --config web/vite.config.ts` for UI work: the API of a running `npm start`. The
    // proxy presents the API's own origin, as the built UI served by the API would (Origin check).
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:3000',
        configure: (proxy) => proxy.on('proxyReq', (req) => req.setHeader('origin', 'http://127.0.0.1:3000')),
      },
    },
  },
});
