import type { Redis, RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The Redis connection every replica coordinates through (response cache, upstream limiter, subscription
 * fan-out). One per process: parts that need their own connection (a subscriber, a key prefix) take
 * `duplicate()` of it. A Redis outage never crashes the gateway: errors are logged, ioredis reconnects,
 * and each user of the connection decides how to degrade. ioredis is loaded here, so a gateway without
 * `REDIS_URL` never loads it (docs/performance.md).
 */
export async function connectRedis(
  url: string,
  logger: Logger,
  options: RedisOptions = {},
): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    // Commands fail fast while Redis is down instead of queueing for the whole outage.
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    connectionName: 'atlas-graph',
    ...options,
  });
  let lastError = '';
  redis.on('error', (error: Error) => {
    // One line per distinct failure, not one per reconnect attempt; the URL (and its password) is never logged.
    if (error.message === lastError) return;
    lastError = error.message;
    logger.warn({ err: { message: error.message } }, 'Redis connection error');
  });
  redis.on('ready', () => {
    if (lastError) logger.info('Redis connection restored');
    lastError = '';
  });
  return redis;
}

/** Closes politely (QUIT) when connected, else drops the connection attempt. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}
