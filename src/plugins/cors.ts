import type { Plugin } from 'graphql-yoga';

/** Headers a browser client may read from our responses. */
const EXPOSED_HEADERS = 'x-request-id, retry-after';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * CORS for `CORS_ORIGINS` (Yoga's own `cors` option is turned off: it would allow any origin by default,
 * and allows credentials with `*`). An allowed origin is echoed back with `Vary: Origin`; any other origin
 * gets no CORS headers, so browsers refuse it. Never `Access-Control-Allow-Credentials`: callers send a
 * bearer token, and no cookie authorises anything here. Without origins configured, no plugin at all.
 */
export function cors(origins: readonly string[]): Plugin {
  const any = origins.includes('*');
  const allows = corsAllows(origins);
  const headersFor = (request: Request, preflight: boolean): Record<string, string> => {
    const origin = request.headers.get('origin');
    if (origin === null || !allows(origin)) return { vary: 'Origin' };
    const headers: Record<string, string> = {
      'access-control-allow-origin': any ? '*' : origin,
      vary: 'Origin',
    };
    if (preflight) {
      headers['access-control-allow-methods'] = 'GET, POST';
      const requested = request.headers.get('access-control-request-headers');
      if (requested) headers['access-control-allow-headers'] = requested;
      headers['access-control-max-age'] = PREFLIGHT_MAX_AGE_SECONDS;
    } else {
      headers['access-control-expose-headers'] = EXPOSED_HEADERS;
    }
    return headers;
  };
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      if (request.method === 'OPTIONS') {
        endResponse(
          new fetchAPI.Response(null, {
            status: 204,
            headers: { 'content-length': '0', ...headersFor(request, true) },
          }),
        );
      }
    },
    onResponse({ request, response }) {
      if (request.method === 'OPTIONS') return;
      for (const [name, value] of Object.entries(headersFor(request, false))) {
        if (name === 'vary') response.headers.append('vary', value);
        else response.headers.set(name, value);
      }
    },
  };
}

/** Whether CORS_ORIGINS lets a page of `origin` call: listed, or `*`. The WebSocket upgrade asks it too. */
export function corsAllows(origins: readonly string[]): (origin: string) => boolean {
  const allowed = new Set(origins);
  return (origin) => allowed.has('*') || allowed.has(origin);
}
