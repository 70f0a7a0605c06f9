import { serve } from '@hono/node-server';
import { boot } from './boot.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './http/logger.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);

try {
  const { app, services } = await boot(config, logger);
  if (config.runJobs) services.scheduler.start();
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info('listening', {
      url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}`,
      database: services.database.dialect,
      dataDir: config.dataDir,
    });
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    server.close();
    await services.scheduler.stop();
    await services.database.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
} catch (err) {
  logger.error('failed to start', { err });
  process.exit(1);
}
