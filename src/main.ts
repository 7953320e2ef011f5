import { ConfigError, loadConfig } from './config/index.ts';
import { createLogger } from './logger.ts';
import { startGateway } from './server.ts';
import { releaseStartupMemory } from './startup-memory.ts';

try {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const running = await startGateway(config, logger);
  logger.debug({ gcMs: Math.round(releaseStartupMemory()) }, 'start-up memory released');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      running.shutdown().then(
        () => {
          logger.info('shut down');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
