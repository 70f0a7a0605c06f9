import { Lucia, TimeSpan } from 'lucia';
import type { Database } from '../db/index.ts';
import { KyselyAdapter, type SessionAttributes, type UserAttributes } from './adapter.ts';

/**
 * lucia 3 is frozen by its maintainers and now published as a guide to writing sessions on
 * @oslojs. We use the package (the customer's choice) only through this folder, so that moving
 * to the guide's few lines later touches src/auth/ and nothing else.
 */

export const SESSION_COOKIE = 'samspil_session';

export function createLucia(database: Database, opts: { ttlHours: number; absoluteHours: number }) {
  return new Lucia(new KyselyAdapter(database, { absoluteHours: opts.absoluteHours }), {
    sessionExpiresIn: new TimeSpan(opts.ttlHours, 'h'),
    sessionCookie: {
      name: SESSION_COOKIE,
      expires: true,
      // `secure` is decided per request (see cookies.ts): on behind HTTPS, off on plain http://localhost.
      attributes: { sameSite: 'lax', secure: false },
    },
    getUserAttributes: (a) => ({
      username: a.username,
      displayName: a.display_name,
      orgUnitId: a.org_unit_id,
      locale: a.locale,
      roles: a.roles,
      lastSeenAt: a.last_seen_at,
    }),
    getSessionAttributes: (a) => ({ createdAt: a.created_at, ip: a.ip }),
  });
}

export type AppLucia = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: AppLucia;
    DatabaseUserAttributes: UserAttributes;
    DatabaseSessionAttributes: SessionAttributes;
  }
}
