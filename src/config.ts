import os from 'node:os';
import path from 'node:path';

/**
 * Every setting the app reads from the environment, in one place, read once at start. README.md
 * documents each one; keep the two in step. Settings that change while the app runs (quotas, the
 * notice rule …) are stored in the database: src/db/settings.ts.
 */
export interface Config {
  /** TCP port the HTTP server listens on. */
  port: number;
  /** Interface to bind; 0.0.0.0 inside containers. */
  host: string;
  /** Where the SQLite file and uploaded files live. */
  dataDir: string;
  /** postgres://… selects PostgreSQL; empty means SQLite in dataDir. */
  databaseUrl: string | null;
  /** The address users reach us at (used for absolute links and the CSRF origin check). */
  publicUrl: string | null;
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  trustProxy: boolean;
  /** Load the demo municipality when the database is empty. */
  seedDemo: boolean;
  /** Idle lifetime of a session; activity within it extends it (sliding expiry). */
  sessionTtlHours: number;
  /** Absolute lifetime of a session from sign-in, however active it is. */
  sessionAbsoluteHours: number;
  /** Largest request body accepted, in bytes (uploads have their own limit later). */
  bodyLimitBytes: number;
  /** Start the job scheduler in this process. */
  runJobs: boolean;
  /** Log level for structured logs: debug, info, warn, error, silent. */
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** scrypt cost parameter N (a power of two). Lower only in tests. */
  scryptCost: number;
  /** Largest single uploaded file, in bytes. */
  uploadMaxFileBytes: number;
  /** Largest whole upload request (several files), in bytes. */
  uploadMaxRequestBytes: number;
  /** Worker processes serving requests (node:cluster); 1 means a single process. */
  webConcurrency: number;
  /** smtp://user:pass@host:587 or smtps://…; empty writes mails as .eml files to DATA_DIR/outbox. */
  smtpUrl: string | null;
  /** Sender of all e-mail. */
  mailFrom: string;
  /** The municipality's own WMS map service (GetMap URL) and layers, for maps under geo cases. */
  mapWmsUrl: string | null;
  mapWmsLayers: string | null;
  /** Where CPR and CVR lookups go: the local register in the database, or Serviceplatformen (SF1520/SF1530). */
  registers: 'local' | 'serviceplatformen';
  /** How Digital Post leaves: a folder drop for an integration gateway, or SF1601 KombiPostAfsend. */
  digitalPostTransport: 'folder' | 'sf1601';
  /** The Serviceplatformen settings; null when neither choice above needs them. */
  serviceplatformen: ServiceplatformenSettings | null;
}

/** SERVICEPLATFORMEN_*: the hub's address, the municipality's certificate and its registrations there. */
export interface ServiceplatformenSettings {
  /** https://… base of the hub (the service paths are added to it). */
  url: string;
  /** The security token service's issue endpoint (SF1601 only). */
  stsUrl: string | null;
  /** PEM files: the function certificate, its key, and the CA that signs the hub's certificate. */
  certFile: string;
  keyFile: string;
  caFile: string | null;
  /** The municipality's CVR number (SF1601's AnvenderKontekst). */
  cvr: string | null;
  /** InvocationContext: the calling system and user as registered in Serviceplatformen's administration. */
  userSystemUuid: string | null;
  userUuid: string | null;
  /** The service agreements for SF1520 (CPR) and SF1530 (CVR). */
  cprServiceAgreementUuid: string | null;
  cvrServiceAgreementUuid: string | null;
  accountingInfo: string | null;
  timeoutMs: number;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

function atLeastOne(n: number, name: string): number {
  if (n < 1) throw new Error(`${name} must be at least 1`);
  return n;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T {
  const v = (value || allowed[0]!) as T;
  if (!allowed.includes(v)) throw new Error(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return v;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SERVICEPLATFORMEN_*, checked for what the chosen registers and transport need. */
function serviceplatformenSettings(
  env: NodeJS.ProcessEnv,
  needs: { registers: boolean; digitalPost: boolean },
): ServiceplatformenSettings | null {
  if (!needs.registers && !needs.digitalPost) return null;
  const why = needs.registers ? 'REGISTERS=serviceplatformen' : 'DIGITAL_POST_TRANSPORT=sf1601';
  const required = (name: string, when = true): string | null => {
    const v = env[name]?.trim() || null;
    if (!v && when) throw new Error(`${name} is required with ${why}`);
    return v;
  };
  const uuid = (name: string, when: boolean): string | null => {
    const v = required(name, when);
    if (v && !UUID.test(v)) throw new Error(`${name} must be a UUID, got "${v}"`);
    return v ? v.toLowerCase() : null;
  };
  const url = new URL(required('SERVICEPLATFORMEN_URL')!);
  if (url.protocol !== 'https:') throw new Error('SERVICEPLATFORMEN_URL must be https://');
  const stsUrl = required('SERVICEPLATFORMEN_STS_URL', needs.digitalPost);
  if (stsUrl && new URL(stsUrl).protocol !== 'https:') throw new Error('SERVICEPLATFORMEN_STS_URL must be https://');
  const cvr = required('SERVICEPLATFORMEN_CVR', needs.digitalPost);
  if (cvr && !/^\d{8}$/.test(cvr)) throw new Error(`SERVICEPLATFORMEN_CVR must be 8 digits, got "${cvr}"`);
  return {
    url: url.toString().replace(/\/+$/, ''),
    stsUrl,
    certFile: path.resolve(required('SERVICEPLATFORMEN_CERT')!),
    keyFile: path.resolve(required('SERVICEPLATFORMEN_KEY')!),
    caFile: env.SERVICEPLATFORMEN_CA ? path.resolve(env.SERVICEPLATFORMEN_CA) : null,
    cvr,
    userSystemUuid: uuid('SERVICEPLATFORMEN_USER_SYSTEM_UUID', needs.registers),
    userUuid: uuid('SERVICEPLATFORMEN_USER_UUID', needs.registers),
    cprServiceAgreementUuid: uuid('SERVICEPLATFORMEN_CPR_SERVICE_AGREEMENT_UUID', needs.registers),
    cvrServiceAgreementUuid: uuid('SERVICEPLATFORMEN_CVR_SERVICE_AGREEMENT_UUID', needs.registers),
    accountingInfo: env.SERVICEPLATFORMEN_ACCOUNTING_INFO || null,
    timeoutMs: atLeastOne(
      int(env.SERVICEPLATFORMEN_TIMEOUT_MS, 15_000, 'SERVICEPLATFORMEN_TIMEOUT_MS'),
      'SERVICEPLATFORMEN_TIMEOUT_MS',
    ),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const registers = oneOf(env.REGISTERS, ['local', 'serviceplatformen'] as const, 'REGISTERS');
  const digitalPostTransport = oneOf(
    env.DIGITAL_POST_TRANSPORT,
    ['folder', 'sf1601'] as const,
    'DIGITAL_POST_TRANSPORT',
  );
  const serviceplatformen = serviceplatformenSettings(env, {
    registers: registers === 'serviceplatformen',
    digitalPost: digitalPostTransport === 'sf1601',
  });
  const scryptCost = int(env.SCRYPT_COST, 2 ** 15, 'SCRYPT_COST');
  if (scryptCost < 2 || (scryptCost & (scryptCost - 1)) !== 0) {
    throw new Error('SCRYPT_COST must be a power of two');
  }
  return {
    port: int(env.PORT, 3000, 'PORT'),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || null,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
    trustProxy: bool(env.TRUST_PROXY, false),
    seedDemo: bool(env.SEED_DEMO, true),
    sessionTtlHours: int(env.SESSION_TTL_HOURS, 12, 'SESSION_TTL_HOURS'),
    sessionAbsoluteHours: atLeastOne(
      int(env.SESSION_ABSOLUTE_HOURS, 24, 'SESSION_ABSOLUTE_HOURS'),
      'SESSION_ABSOLUTE_HOURS',
    ),
    bodyLimitBytes: int(env.BODY_LIMIT_BYTES, 1024 * 1024, 'BODY_LIMIT_BYTES'),
    runJobs: bool(env.RUN_JOBS, true),
    logLevel,
    scryptCost,
    uploadMaxFileBytes: int(env.UPLOAD_MAX_FILE_BYTES, 50 * 1024 * 1024, 'UPLOAD_MAX_FILE_BYTES'),
    uploadMaxRequestBytes: int(env.UPLOAD_MAX_REQUEST_BYTES, 200 * 1024 * 1024, 'UPLOAD_MAX_REQUEST_BYTES'),
    // One worker per core (at most 4) unless told otherwise: Node runs JavaScript on one core per process.
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || 'Samspil <samspil@localhost>',
    mapWmsUrl: env.MAP_WMS_URL ? new URL(env.MAP_WMS_URL).toString() : null,
    mapWmsLayers: env.MAP_WMS_LAYERS || null,
    webConcurrency: Math.max(1, int(env.WEB_CONCURRENCY, Math.min(4, os.availableParallelism()), 'WEB_CONCURRENCY')),
    registers,
    digitalPostTransport,
    serviceplatformen,
  };
}
