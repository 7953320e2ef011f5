import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AtlasClient } from './atlas/client.ts';
import { AtlasCallError } from './atlas/errors.ts';
import { getSystemStatus } from './atlas/root.ts';

export interface Readiness {
  ready: boolean;
  /** Why not, in words safe to show anyone (never a credential). */
  reason?: string;
}

/** Probe results are reused this long, so a load balancer polling every replica cannot load Atlas. */
const PROBE_CACHE_MS = 5_000;
const PROBE_DEADLINE_MS = 3_000;

/** Failures that mean Atlas cannot be reached: no connection, a 5xx, or no answer in time. */
const UNREACHABLE_CODES = ['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT'];
/** With the gateway's own credentials, Atlas refusing them means this replica cannot serve either. */
const REFUSED_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];

/**
 * `/readyz`: Atlas's root resource (`GET /api/atlas/v2`) fetched with the gateway's own credentials
 * answers both "is Atlas reachable" and "are the credentials valid". Any other answer (even a 404 or a
 * 429) shows both, so the replica is ready. With `AUTH_MODE=forward` the gateway holds no credential:
 * Atlas answers the probe 401, and each caller's token decides the rest, so any answer means ready.
 * A draining replica is never ready.
 */
export class ReadinessProbe {
  private last: { at: number; result: Promise<Readiness> } | undefined;
  private draining = false;
  private readonly notReadyCodes: ReadonlySet<string>;

  private readonly client: AtlasClient;
  private readonly logger: Logger;

  constructor(client: AtlasClient, logger: Logger, options: { ownCredentials: boolean }) {
    this.client = client;
    this.logger = logger;
    this.notReadyCodes = new Set(
      options.ownCredentials ? [...UNREACHABLE_CODES, ...REFUSED_CODES] : UNREACHABLE_CODES,
    );
  }

  /** From now on, answer not ready: the load balancer takes this replica out while it finishes its work. */
  drain(): void {
    this.draining = true;
  }

  check(): Promise<Readiness> {
    if (this.draining) return Promise.resolve({ ready: false, reason: 'shutting down' });
    const now = Date.now();
    if (!this.last || now - this.last.at >= PROBE_CACHE_MS)
      this.last = { at: now, result: this.probe() };
    return this.last.result;
  }

  private async probe(): Promise<Readiness> {
    try {
      await this.client.call(getSystemStatus, {
        requestId: `readyz-${randomUUID()}`,
        deadline: Date.now() + PROBE_DEADLINE_MS,
      });
      return { ready: true };
    } catch (error) {
      if (error instanceof AtlasCallError && !this.notReadyCodes.has(error.code))
        return { ready: true };
      // The code only: /readyz answers anyone, and Atlas's own words (an access-list refusal naming the
      // gateway's address, say) are for the operator's logs, not for whoever asks.
      const code = error instanceof AtlasCallError ? error.code : 'INTERNAL_SERVER_ERROR';
      this.logger.warn({ code, message: (error as Error).message }, 'not ready');
      return { ready: false, reason: code };
    }
  }
}
