import { STATUS_CODES } from 'node:http';

/** One entry of ApiError.badRequestDetail.fields. */
export interface FieldViolation {
  field: string;
  description: string;
}

/** The ApiError body Atlas sends with every error status. */
export interface ApiErrorBody {
  detail: string | null;
  error: number;
  errorCode: string;
  parameters: unknown[];
  reason: string | null;
  badRequestDetail?: { fields: FieldViolation[] };
}

/**
 * Thrown anywhere while handling an API request; the server turns it into an ApiError answer.
 * `headers` carries extras such as a Digest challenge or Retry-After.
 */
export class AtlasError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly detail: string;
  readonly parameters: unknown[];
  readonly fieldViolations: FieldViolation[];
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    errorCode: string,
    detail: string,
    parameters: unknown[] = [],
    fieldViolations: FieldViolation[] = [],
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = status;
    this.errorCode = errorCode;
    this.detail = detail;
    this.parameters = parameters;
    this.fieldViolations = fieldViolations;
    this.headers = headers;
  }

  toBody(): ApiErrorBody {
    return atlasErrorBody(
      this.status,
      this.errorCode,
      this.detail,
      this.parameters,
      this.fieldViolations,
    );
  }
}

export function atlasErrorBody(
  status: number,
  errorCode: string,
  detail: string,
  parameters: unknown[] = [],
  fieldViolations: FieldViolation[] = [],
): ApiErrorBody {
  const body: ApiErrorBody = {
    detail,
    error: status,
    errorCode,
    parameters,
    reason: STATUS_CODES[status] ?? null,
  };
  if (fieldViolations.length > 0) body.badRequestDetail = { fields: fieldViolations };
  return body;
}

/** Error codes Atlas uses for a status when nothing more specific applies (e.g. an injected fault). */
const DEFAULT_ERROR_CODES: Record<number, string> = {
  400: 'INVALID_ATTRIBUTE',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'RESOURCE_NOT_FOUND',
  406: 'INVALID_VERSION_DATE',
  409: 'CONFLICT',
  410: 'VERSION_GONE',
  429: 'RATE_LIMITED',
  500: 'UNEXPECTED_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

export function defaultErrorBody(status: number): ApiErrorBody {
  const errorCode =
    DEFAULT_ERROR_CODES[status] ?? (status >= 500 ? 'UNEXPECTED_ERROR' : 'INVALID_REQUEST');
  return atlasErrorBody(
    status,
    errorCode,
    `Simulated ${status} ${STATUS_CODES[status] ?? ''}`.trim(),
  );
}

export function notFound(errorCode: string, detail: string, ...parameters: unknown[]): AtlasError {
  return new AtlasError(404, errorCode, detail, parameters);
}

export function badRequest(
  errorCode: string,
  detail: string,
  violations: FieldViolation[] = [],
): AtlasError {
  return new AtlasError(400, errorCode, detail, [], violations);
}

export function conflict(errorCode: string, detail: string, ...parameters: unknown[]): AtlasError {
  return new AtlasError(409, errorCode, detail, parameters);
}

/** The 406 body seen from the live API, verbatim. */
export function notAcceptable(): AtlasError {
  return new AtlasError(406, 'INVALID_VERSION_DATE', 'Invalid accept header or version date.');
}
