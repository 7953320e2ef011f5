import DataLoader from 'dataloader';
import type { AtlasRequest } from '../../atlas/request.ts';
import { InFlightByPath } from './in-flight-by-path.ts';
import { callUpstream, type UpstreamSession } from './upstream-session.ts';

const requestKey = (request: AtlasRequest) =>
  `${request.method} ${request.path}?${request.query ?? ''} ${request.accept}`;

/**
 * Every GET of one operation goes through here: identical requests (aliases, fragments, the same node
 * reached twice) are made once, and all of them start at once. Loaders are per operation, so the
 * credential is the same for every key.
 */
export class RequestLoader {
  private readonly cache = new Map<string, Promise<unknown>>();
  /** Requests not yet answered, by path (any query or media type). */
  readonly underWay = new InFlightByPath();
  private readonly loader: DataLoader<AtlasRequest, unknown, string>;

  constructor(session: UpstreamSession) {
    this.loader = new DataLoader(
      async (requests) =>
        Promise.all(
          requests.map((request) => callUpstream(session, request).catch((error: Error) => error)),
        ),
      { cacheKeyFn: requestKey, cacheMap: this.cache },
    );
  }

  load<T>(request: AtlasRequest): Promise<T> {
    const fresh = !this.has(request);
    const answer = this.loader.load(request) as Promise<T>;
    if (fresh) this.underWay.track(request.path, answer);
    return answer;
  }

  /** True when this exact request has been made (or is under way) in this operation. */
  has(request: AtlasRequest): boolean {
    return this.cache.has(requestKey(request));
  }

  prime(request: AtlasRequest, value: unknown): void {
    this.loader.prime(request, value);
  }

  /** Overwrites what a by-id request answers, e.g. with the object a mutation returned. */
  replace(request: AtlasRequest, value: unknown): void {
    this.loader.clear(request).prime(request, value);
  }

  /** Forgets every request whose path starts with `pathPrefix`, so later reads see a mutation's effect. */
  forget(pathPrefix: string): void {
    for (const key of [...this.cache.keys()]) {
      if (key.slice(key.indexOf(' ') + 1).startsWith(pathPrefix)) this.cache.delete(key);
    }
  }
}
