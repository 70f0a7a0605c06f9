import './clock.ts';
import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import { boot } from './boot.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './http/logger.ts';

/**
 * Starts Samspil. With WEB_CONCURRENCY > 1 the primary process migrates and seeds the database
 * once, then forks that many workers that share the port (node:cluster), so one machine's cores
 * all serve requests. Everything shared lives in the database (sessions, sign-in throttling, job
 * leases, the audit chain), so the workers need nothing else in common; SQLite in WAL mode lets
 * them read at once, and writers wait for each other through the busy timeout. Only the first
 * worker runs the scheduled jobs (the leases would keep the others from running them twice anyway).
 */

const config = loadConfig();
const logger = createLogger(config.logLevel, cluster.isWorker ? { worker: cluster.worker!.id } : {});

async function primary() {
  // Migrate and seed once, then hand the port to the workers.
  const { services } = await boot(config, logger);
  await services.database.destroy();
  const indexOf = new Map<number, number>();
  const fork = (index: number) => indexOf.set(cluster.fork({ SAMSPIL_WORKER_INDEX: String(index) }).id, index);
  for (let i = 0; i < config.webConcurrency; i++) fork(i);
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.warn('worker exited; starting a new one', { worker: worker.id, code, signal });
    fork(indexOf.get(worker.id) ?? 1);
  });
  logger.info('listening', {
    url: `http://localhost:${config.port}`,
    workers: config.webConcurrency,
    dataDir: config.dataDir,
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    stopping = true;
    logger.info('shutting down', { signal });
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

async function server() {
  const workerIndex = Number(process.env.SAMSPIL_WORKER_INDEX ?? 0);
  // Workers of a cluster find the database migrated and seeded by the primary.
  const { app, services } = await boot(cluster.isWorker ? { ...config, seedDemo: false } : config, logger);
  if (config.runJobs && workerIndex === 0) services.scheduler.start();
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    if (!cluster.isWorker) {
      logger.info('listening', {
        url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}`,
        database: services.database.dialect,
        dataDir: config.dataDir,
      });
    }
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!cluster.isWorker) logger.info('shutting down', { signal });
    server.close();
    await services.scheduler.stop();
    await services.database.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

try {
  if (cluster.isPrimary && config.webConcurrency > 1) await primary();
  else await server();
} catch (err) {
  logger.error('failed to start', { err });
  process.exit(1);
}
