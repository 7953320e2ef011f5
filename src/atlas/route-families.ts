import { AtlasCallError, PARENT_NOT_FOUND_CODES, routeGoneError } from './errors.ts';
import { pipelinesPath } from './pipelines.ts';
import { type AtlasRequest, queryString } from './request.ts';

/**
 * The deprecated route families, and how to tell one is gone. A 404 on one of their routes says nothing
 * by itself (RESOURCE_NOT_FOUND is also Atlas's code for a missing object); the family's list route
 * answering 404 for the project does (docs/errors.md "Missing object or removed route").
 */
interface RouteFamily {
  /** What the answer is remembered under, with the credential and the project. */
  name: string;
  groupId: string;
  /** The family's list route for that project, asked with the smallest page. */
  check: AtlasRequest;
}

const GROUP = '^/api/atlas/v2/groups/([0-9a-f]{24})';
const FAMILIES: {
  name: string;
  pattern: RegExp;
  list: (groupId: string, parent: string) => string;
}[] = [
  { name: 'pipelines', pattern: new RegExp(`${GROUP}/pipelines(?:/|$)`), list: pipelinesPath },
  {
    name: 'serverlessBackup',
    pattern: new RegExp(`${GROUP}/serverless/([^/]+)/backup/`),
    // Per instance upstream, but one answer tells for the whole family of the project.
    list: (groupId, instance) =>
      `/api/atlas/v2/groups/${groupId}/serverless/${instance}/backup/restoreJobs`,
  },
  {
    name: 'serverlessInstances',
    pattern: new RegExp(`${GROUP}/serverless(?:/[^/]+)?$`),
    list: (groupId) => `/api/atlas/v2/groups/${groupId}/serverless`,
  },
];

/** The family of a deprecated route, with the request that tells whether Atlas still serves it. */
export function routeFamilyOf(request: AtlasRequest): RouteFamily | undefined {
  if (request.sunset === undefined) return undefined;
  for (const family of FAMILIES) {
    const match = family.pattern.exec(request.path);
    if (!match) continue;
    const [, groupId, parent] = match as unknown as [string, string, string];
    const path = family.list(groupId, parent);
    return {
      name: family.name,
      groupId,
      check: {
        operation: `${request.operation} (route check)`,
        method: 'GET',
        path,
        query: path.endsWith('/pipelines')
          ? undefined
          : queryString({ pageNum: 1, itemsPerPage: 1, includeCount: false }),
        accept: request.accept,
        successor: request.successor,
        sunset: request.sunset,
      },
    };
  }
  return undefined;
}

/** Whether a failed answer of a family's list route is evidence that the family is gone. */
export const isRouteGoneAnswer = (error: unknown): boolean =>
  error instanceof AtlasCallError &&
  (error.code === 'UPSTREAM_GONE' ||
    (error.code === 'NOT_FOUND' && !PARENT_NOT_FOUND_CODES.has(error.atlas?.errorCode ?? '')));

const REMEMBER_MS = 60_000;
const REMEMBERED_MAX = 10_000;

/**
 * What the family checks answered, per (credential, project, family), for REMEMBER_MS: so a missing object
 * of a deprecated family costs one more call the first time, and none after. One per Atlas client.
 */
export class RouteFamilyChecks {
  private readonly answers = new Map<
    string,
    { gone: Promise<boolean>; until: number; wasGone?: boolean }
  >();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /**
   * The error a family route's NOT_FOUND stands for: UPSTREAM_GONE when the family's list route also
   * answers 404 for the project, the NOT_FOUND itself otherwise. `call` makes the check call.
   */
  async explain(
    credentialKey: string,
    request: AtlasRequest,
    error: AtlasCallError,
    call: (check: AtlasRequest) => Promise<unknown>,
  ): Promise<AtlasCallError> {
    const family = routeFamilyOf(request);
    if (!family || error.code !== 'NOT_FOUND') return error;
    const key = `${credentialKey} ${family.groupId} ${family.name}`;
    // The list route itself (a list read, or the check below): its own answer is the evidence.
    if (request.method === 'GET' && request.path === family.check.path) {
      const gone = isRouteGoneAnswer(error);
      this.remember(key, Promise.resolve(gone));
      return gone ? routeGoneError(error.atlas, request) : error;
    }
    let known = this.answers.get(key);
    if (!known || known.until <= this.now()) {
      known = this.remember(
        key,
        call(family.check).then(
          () => false,
          (failure: unknown) => {
            if (failure instanceof AtlasCallError && failure.code === 'UPSTREAM_GONE') return true;
            this.answers.delete(key); // no answer: asked again next time
            return false;
          },
        ),
      );
    }
    return (await known.gone) ? routeGoneError(error.atlas, request) : error;
  }

  private remember(key: string, gone: Promise<boolean>) {
    if (this.answers.size >= REMEMBERED_MAX) this.answers.clear();
    const known: { gone: Promise<boolean>; until: number; wasGone?: boolean } = {
      gone,
      until: this.now() + REMEMBER_MS,
    };
    void gone.then((answer) => {
      known.wasGone = answer;
    });
    this.answers.set(key, known);
    return known;
  }

  /** A family route answered: a family remembered as gone is served again after all. */
  served(credentialKey: string, request: AtlasRequest): void {
    const family = routeFamilyOf(request);
    if (!family) return;
    const key = `${credentialKey} ${family.groupId} ${family.name}`;
    if (this.answers.get(key)?.wasGone) this.remember(key, Promise.resolve(false));
  }
}
