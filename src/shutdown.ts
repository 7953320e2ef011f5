import type { Server } from 'node:http';
import type { Logger } from 'pino';

/** How often connections that finished their last request are closed while draining. */
const IDLE_SWEEP_MS = 50;

/**
 * Stops accepting connections, lets the requests under way finish, and closes each keep-alive
 * connection as soon as it is idle. Whatever still runs after `timeoutMs` is cut. Resolves once the
 * server is closed.
 */
export async function closeGracefully(
  server: Server,
  timeoutMs: number,
  logger: Logger,
): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>(
    (resolve) => (timer = setTimeout(() => resolve('deadline'), timeoutMs)),
  );
  try {
    if ((await Promise.race([closed, deadline])) === 'deadline') {
      logger.warn({ timeoutMs }, 'shutdown deadline passed: cutting the connections still open');
      server.closeAllConnections();
      await closed;
    }
  } finally {
    clearInterval(sweep);
    clearTimeout(timer);
  }
}
