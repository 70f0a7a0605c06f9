import path from 'node:path';
import type { Hono } from 'hono';
import { createApp, createServices, type Services } from './app.tsx';
import type { Config } from './config.ts';
import { openDatabase } from './db/index.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { AppEnv } from './http/env.ts';
import { createLogger, type Logger } from './http/logger.ts';
import { isEmpty, seedDemo } from '../seeds/index.ts';

/**
 * Opens the database, migrates it, loads the demo municipality into an empty one (unless
 * SEED_DEMO=false) and builds the app. Used by the server, the bench and the browser tests.
 */
export async function boot(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<{ app: Hono<AppEnv>; services: Services }> {
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'samspil.sqlite'),
    onIdleError: (err) => logger.warn('idle database connection closed', { err }),
  });
  const applied = await migrateToLatest(database);
  if (applied.length) logger.info('migrations applied', { migrations: applied });
  const services = createServices(database, config, logger);
  if (config.seedDemo && (await isEmpty(database))) {
    const started = Date.now();
    const summary = await seedDemo(database, { scryptCost: config.scryptCost, blobs: services.blobs });
    logger.info('demo municipality loaded', { ...summary, ms: Date.now() - started });
  }
  return { app: createApp(services), services };
}
