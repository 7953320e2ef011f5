import pino, { type Logger } from 'pino';

/**
 * Paths that may carry a credential anywhere in a log object. pino redacts them before serialising;
 * the gateway never logs headers wholesale, and this is the net under that rule.
 */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*.headers["www-authenticate"]',
  'headers.authorization',
  'headers.cookie',
  '*.headers.cookie',
  'privateKey',
  '*.privateKey',
  'clientSecret',
  '*.clientSecret',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'headers["proxy-authorization"]',
  '*.headers["proxy-authorization"]',
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
  // Config objects: the Digest key pair, the JWT secret (auth.key.secret), a Redis URL with its password.
  'publicKey',
  '*.publicKey',
  '*.*.publicKey',
  '*.*.privateKey',
  '*.*.clientSecret',
  'secret',
  '*.secret',
  '*.*.secret',
  '*.*.*.secret',
  'redisUrl',
  '*.redisUrl',
  // Proxy URLs may carry credentials (config.upstream.proxy).
  'httpProxy',
  '*.httpProxy',
  '*.*.httpProxy',
  '*.*.*.httpProxy',
  'httpsProxy',
  '*.httpsProxy',
  '*.*.httpsProxy',
  '*.*.*.httpsProxy',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, base: undefined, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination,
  );
}

/**
 * The same destination and level without the redaction net, for lines whose every field the gateway
 * builds from names, numbers and error codes (one per operation). pino's redaction copies each object
 * it logs: on those lines it was a tenth of all the gateway allocated under load (`npm run bench`).
 */
export function fixedFieldLogger(logger: Logger): Logger {
  return pino(
    { level: logger.level, base: undefined },
    (logger as unknown as Record<symbol, pino.DestinationStream>)[pino.symbols.streamSym],
  );
}
