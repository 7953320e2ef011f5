/** What Atlas said about a failure, as exposed under `extensions.atlas` and `MutationError.atlas`. */
export interface AtlasErrorDetail {
  status: number;
  errorCode: string | null;
  detail: string | null;
  badRequestFields?: { field: string; description: string }[];
}

/** The error catalogue of docs/errors.md that upstream calls can produce. */
export type UpstreamErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_BAD_RESPONSE'
  | 'UPSTREAM_GONE';

export interface AtlasCallErrorOptions {
  atlas?: AtlasErrorDetail;
  retryAfter?: number;
  successor?: string;
  cause?: unknown;
}

/**
 * Every failed upstream call becomes one of these: a plain error, since the Atlas client knows nothing
 * of GraphQL. The GraphQL layer gives it its `extensions` (src/errors/catalogue.ts, fromAtlasCall);
 * nothing here may carry a credential.
 */
export class AtlasCallError extends Error {
  readonly code: UpstreamErrorCode;
  readonly atlas: AtlasErrorDetail | undefined;
  readonly retryAfter: number | undefined;
  readonly successor: string | undefined;

  constructor(code: UpstreamErrorCode, message: string, options: AtlasCallErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AtlasCallError';
    this.code = code;
    this.atlas = options.atlas;
    this.retryAfter = options.retryAfter;
    this.successor = options.successor;
  }
}

const CODE_BY_STATUS: Record<number, UpstreamErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  // The contract's only 405: a restore job Atlas cannot cancel (cancelGroupClusterBackupRestoreJob).
  405: 'CONFLICT',
  409: 'CONFLICT',
  410: 'UPSTREAM_GONE',
  429: 'RATE_LIMITED',
};

const GONE_ERROR_CODES = new Set(['INVALID_VERSION_DATE', 'VERSION_GONE']);

/** Reads an Atlas `ApiError` body defensively: any field may be missing or of another type. */
export function atlasDetail(status: number, body: unknown): AtlasErrorDetail {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const fields = (record.badRequestDetail as { fields?: unknown } | null | undefined)?.fields;
  return {
    status,
    errorCode: typeof record.errorCode === 'string' ? record.errorCode : null,
    detail: typeof record.detail === 'string' ? record.detail : null,
    badRequestFields: Array.isArray(fields)
      ? fields.flatMap((f) =>
          typeof f?.field === 'string'
            ? [{ field: f.field, description: String(f.description ?? '') }]
            : [],
        )
      : undefined,
  };
}

export interface HttpFailureContext {
  /** The successor to name when a sunset route is gone (Flex for serverless backup). */
  successor?: string;
  /** Set for routes Atlas deprecated: named when the route is gone. */
  sunset?: string;
  retryAfter?: number;
  /** How the gateway authenticated, named in UNAUTHENTICATED messages (never the credential). */
  authMode?: string;
}

/** Maps an upstream HTTP error answer onto the catalogue (docs/errors.md's table). */
export function errorFromHttpStatus(
  status: number,
  body: unknown,
  context: HttpFailureContext = {},
): AtlasCallError {
  const atlas = atlasDetail(status, body);
  // A 404 is never evidence by itself: RESOURCE_NOT_FOUND is also Atlas's code for a missing object
  // (src/atlas/route-families.ts asks the family's list route instead).
  const gone =
    status === 410 ||
    (status === 406 && atlas.errorCode !== null && GONE_ERROR_CODES.has(atlas.errorCode));
  if (gone) return routeGoneError(atlas, context);
  const code: UpstreamErrorCode =
    CODE_BY_STATUS[status] ?? (status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE');
  return new AtlasCallError(code, messageFor(code, atlas, context), {
    atlas,
    retryAfter: code === 'RATE_LIMITED' ? context.retryAfter : undefined,
  });
}

/** UPSTREAM_GONE for a route Atlas no longer serves, naming its sunset and successor when known. */
export function routeGoneError(
  atlas: AtlasErrorDetail | undefined,
  context: Pick<HttpFailureContext, 'sunset' | 'successor'>,
): AtlasCallError {
  const sunset = context.sunset ? ` (sunset ${context.sunset})` : '';
  const successor = context.successor ? `; use ${context.successor} instead` : '';
  return new AtlasCallError(
    'UPSTREAM_GONE',
    `Atlas no longer serves this route${sunset}${successor}.`,
    {
      atlas,
      successor: context.successor,
    },
  );
}

function messageFor(
  code: UpstreamErrorCode,
  atlas: AtlasErrorDetail,
  context: HttpFailureContext,
): string {
  const said = atlas.detail ? `: ${atlas.detail}` : '';
  switch (code) {
    case 'BAD_USER_INPUT':
      return `Atlas rejected the request${said}`;
    case 'UNAUTHENTICATED':
      return `Atlas did not accept the gateway's credentials${context.authMode ? ` (mode: ${context.authMode})` : ''}.`;
    case 'FORBIDDEN':
      return `Atlas refused access${said}`;
    case 'NOT_FOUND':
      return `Not found in Atlas${said}`;
    case 'CONFLICT':
      return `Atlas reported a conflict${said}`;
    case 'RATE_LIMITED':
      return 'Atlas rate limit reached; retry later.';
    case 'UPSTREAM_UNAVAILABLE':
      return `Atlas is unavailable (HTTP ${atlas.status}).`;
    default:
      return `Atlas answered HTTP ${atlas.status} unexpectedly.`;
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof AtlasCallError && error.code === 'NOT_FOUND';
}

/** 404 codes that name a missing parent (project, cluster, instance) rather than the object asked for. */
export const PARENT_NOT_FOUND_CODES = new Set([
  'GROUP_NOT_FOUND',
  'CLUSTER_NOT_FOUND',
  'SERVERLESS_INSTANCE_NOT_FOUND',
  'FLEX_CLUSTER_NOT_FOUND',
]);

/**
 * Whether a by-key lookup failed because the object itself does not exist (the field is then null),
 * as opposed to its project or cluster being unknown (a NOT_FOUND error at the field).
 */
export function isMissingObject(error: unknown): boolean {
  return (
    isNotFound(error) &&
    !PARENT_NOT_FOUND_CODES.has((error as AtlasCallError).atlas?.errorCode ?? '')
  );
}
