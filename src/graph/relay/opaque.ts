/**
 * base64url(JSON) tokens for global IDs and cursors. Decoding is strict: Node's decoder silently skips
 * characters outside the alphabet, so the token must re-encode to itself exactly.
 */
export function encodeOpaque(value: unknown[]): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** The array a token holds when it is of `version` (its first element), else undefined. */
export function decodeOpaque(token: string, version = 1): unknown[] | undefined {
  if (token.length === 0 || token.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(token))
    return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.toString('base64url') !== token) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return Array.isArray(value) && value[0] === version ? value : undefined;
  } catch {
    return undefined;
  }
}
