/** RFC 6750 `b64token`; anything else in the header is not a bearer token. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
/** Far above any Atlas token or JWT a client sends, and small enough to refuse junk before parsing it. */
const MAX_TOKEN_LENGTH = 8192;

/** The bearer token of `Authorization`, or undefined when the header is absent or not a bearer token. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  if (!header || header.length > MAX_TOKEN_LENGTH + 7) return undefined;
  return BEARER.exec(header)?.[1];
}
