/**
 * Creates a user account from the command line, typically the first administrator of a real
 * installation (which has no demo accounts):
 *
 *   npm run user:create -- --username anna.holm --name "Anna Holm" --role admin --role employee
 *
 * The password is asked for without echo (or read from SAMSPIL_PASSWORD for automation).
 * Uses the same settings as the server (DATA_DIR, DATABASE_URL) and runs migrations first.
 */
import '../src/clock.ts';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/index.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { translator } from '../src/i18n/index.ts';
import { createUser } from '../src/modules/users/index.ts';
import { ROLES } from '../src/policy/index.ts';

export const USAGE = `Usage: npm run user:create -- --username NAME --name "Full Name" [--email E] [--title T] [--role ROLE ...]
Roles: ${ROLES.join(', ')} (default: admin, employee)
Password: asked for, or taken from SAMSPIL_PASSWORD.`;

export async function userCreate(
  database: Database,
  argv: string[],
  opts: { password: () => Promise<string>; scryptCost: number; out: (line: string) => void },
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string' },
        title: { type: 'string' },
        role: { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    }));
  } catch (err) {
    opts.out(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help || !values.username || !values.name) {
    opts.out(USAGE);
    return values.help ? 0 : 2;
  }
  const roles = values.role?.length ? values.role : ['admin', 'employee'];
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) {
    opts.out(`Unknown role(s): ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  const password = await opts.password();
  const result = await createUser(
    database,
    {
      username: values.username,
      displayName: values.name,
      email: values.email ?? '',
      phone: '',
      title: values.title ?? '',
      orgUnitId: '',
      managerUsername: '',
      password,
      roles,
      isActive: true,
    },
    null,
    { scryptCost: opts.scryptCost },
  );
  if (!result.ok) {
    const t = translator('en');
    for (const [field, key] of Object.entries(result.errors)) opts.out(`${field}: ${t(key!)}`);
    if (!password) opts.out('password: a password is required to sign in');
    return 1;
  }
  opts.out(`Created ${values.username} (${roles.join(', ')}).`);
  return 0;
}

async function askHidden(prompt: string): Promise<string> {
  if (process.env.SAMSPIL_PASSWORD) return process.env.SAMSPIL_PASSWORD;
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split('\n')[0] ?? '';
  }
  process.stdout.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  let value = '';
  return new Promise((resolve) => {
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const config = loadConfig();
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'samspil.sqlite'),
  });
  await migrateToLatest(database);
  const code = await userCreate(database, process.argv.slice(2), {
    password: async () => {
      const first = await askHidden('Password (at least 12 characters): ');
      if (process.env.SAMSPIL_PASSWORD || !process.stdin.isTTY) return first;
      const second = await askHidden('Repeat password: ');
      if (first !== second) {
        console.error('The passwords differ.');
        process.exit(1);
      }
      return first;
    },
    scryptCost: config.scryptCost,
    out: (line) => console.log(line),
  });
  await database.destroy();
  process.exit(code);
}
