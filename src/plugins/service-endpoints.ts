import type { Plugin } from 'graphql-yoga';
import type { ReadinessProbe } from '../health.ts';
import type { GatewayMetrics } from '../metrics.ts';

/**
 * `/healthz` (the process answers), `/readyz` (Atlas reachable with valid credentials) and `/metrics`
 * (Prometheus text), on the GraphQL port so that one port serves probes, scrapes and traffic (docs/operations.md).
 */
export function serviceEndpoints(readiness: ReadinessProbe, metrics: GatewayMetrics): Plugin {
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const json = (body: unknown, status: number) =>
        new fetchAPI.Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        });
      switch (url.pathname) {
        case '/healthz':
          return endResponse(json({ status: 'ok' }, 200));
        case '/readyz':
          return readiness
            .check()
            .then(({ ready, reason }) =>
              endResponse(
                json(
                  ready ? { status: 'ready' } : { status: 'not ready', reason },
                  ready ? 200 : 503,
                ),
              ),
            );
        case '/metrics':
          return metrics.text().then((text) =>
            endResponse(
              new fetchAPI.Response(text, {
                status: 200,
                headers: {
                  'content-type': metrics.registry.contentType,
                  'cache-control': 'no-store',
                },
              }),
            ),
          );
      }
    },
  };
}
