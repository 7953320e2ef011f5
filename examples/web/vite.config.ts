import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway the dev server (and `vite preview`) forwards /graphql to, HTTP and WebSocket alike, so the
// page and its API share one origin: no CORS, and the gateway's CSRF rules see a plain same-origin POST.
// The Host header is kept (no changeOrigin), so that the gateway sees the page's WebSocket come from the
// origin it serves and opens it (a socket from another origin is refused unless CORS_ORIGINS allows it).
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/graphql': { target: gateway, ws: true },
    },
  },
});
