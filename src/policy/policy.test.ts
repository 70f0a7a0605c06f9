import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { can, ROLES, type Actor, type CaseResource } from './index.ts';

const actor = (...roles: Actor['roles']): Actor => ({ id: 'me', roles, orgUnitId: null });

describe('can()', () => {
  it('says no to nobody', () => {
    expect(can(null, 'intranet.view')).toBe(false);
    expect(can(actor(), 'intranet.view')).toBe(false);
  });

  it('lets every role into the intranet, only administrators manage users', () => {
    for (const role of ROLES) {
      expect(can(actor(role), 'intranet.view')).toBe(true);
      expect(can(actor(role), 'users.manage')).toBe(role === 'admin');
    }
  });

  it('lets records managers read the audit log but not run jobs', () => {
    expect(can(actor('records_manager'), 'audit.view')).toBe(true);
    expect(can(actor('records_manager'), 'jobs.run')).toBe(false);
  });

  it('never lets an administrator lock themselves out', () => {
    expect(can(actor('admin'), 'users.lockOut', { type: 'user', id: 'someone' })).toBe(true);
    expect(can(actor('admin'), 'users.lockOut', { type: 'user', id: 'me' })).toBe(false);
  });

  const kase = (over: Partial<CaseResource> = {}): CaseResource => ({
    type: 'case',
    confidential: false,
    caseworkerId: 'cw',
    accessUserIds: [],
    accessUnitIds: [],
    archived: false,
    unitLeaderIds: ['leader'],
    ...over,
  });
  const as = (id: string, ...roles: Actor['roles']): Actor => ({ id, roles, orgUnitId: 7 });

  it('lets only the caseworker, the unit leader and records managers decide who sees a case', () => {
    expect(can(as('cw', 'caseworker'), 'case.manageAccess', kase())).toBe(true);
    expect(can(as('leader', 'caseworker'), 'case.manageAccess', kase())).toBe(true);
    expect(can(as('rm', 'records_manager'), 'case.manageAccess', kase())).toBe(true);
    expect(can(as('other', 'caseworker'), 'case.manageAccess', kase())).toBe(false);
    expect(can(as('sec', 'secretariat'), 'case.manageAccess', kase())).toBe(false);
    expect(can(as('sec', 'secretariat'), 'case.edit', kase())).toBe(true);
    // A unit leader outside a confidential case's access group does not even see it.
    expect(can(as('leader', 'caseworker'), 'case.view', kase({ confidential: true }))).toBe(false);
    expect(can(as('other', 'caseworker'), 'case.view', kase({ confidential: true, accessUnitIds: [7] }))).toBe(true);
  });

  it('shows records managers every case, confidential ones too', () => {
    const locked = kase({ confidential: true, caseworkerId: null });
    expect(can(as('rm', 'records_manager'), 'case.view', locked)).toBe(true);
    expect(can(as('cw', 'caseworker'), 'case.view', locked)).toBe(false);
  });

  it('refuses every change to an archived case, and still lets it be read', () => {
    const archived = kase({ archived: true });
    for (const who of [as('cw', 'caseworker'), as('rm', 'records_manager')]) {
      for (const action of [
        'case.edit',
        'case.journalise',
        'case.manageAccess',
        'case.reopen',
        'case.archive',
      ] as const) {
        expect(can(who, action, archived), `${who.id} ${action}`).toBe(false);
      }
      expect(can(who, 'case.view', archived)).toBe(true);
      expect(can(who, 'case.unmaskCpr', archived)).toBe(true);
    }
  });
});

/**
 * The access matrix over HTTP, for every demo role and for anonymous visitors: each admin URL
 * answers 200 only to those the policy allows, 403 to other signed-in users, and a sign-in
 * redirect to anonymous visitors (guessing a URL reveals nothing).
 */
describe.each(DIALECTS)('access matrix over HTTP (%s)', (dialect) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let someUserId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const u of ['admin', 'sagsbehandler', 'journal', 'sekretariat', 'politiker', 'medarbejder'])
      cookies[u] = await t.signIn(u);
    someUserId = (
      await t.db.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'medarbejder')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t.cleanup());

  const allowed: Record<string, string[]> = {
    'GET /': ['admin', 'sagsbehandler', 'journal', 'sekretariat', 'politiker', 'medarbejder'],
    'GET /search?q=an': ['admin', 'sagsbehandler', 'journal', 'sekretariat', 'politiker', 'medarbejder'],
    'GET /admin': ['admin', 'journal'],
    'GET /admin/audit': ['admin', 'journal'],
    'GET /admin/jobs': ['admin'],
    'GET /admin/settings': ['admin'],
    'POST /admin/settings': ['admin'],
    'GET /admin/users': ['admin'],
    'GET /admin/users/new': ['admin'],
    'GET /admin/users/:id': ['admin'],
    'POST /admin/jobs/session-cleanup/runs': ['admin'],
    'POST /admin/users': ['admin'],
    'POST /admin/users/:id': ['admin'],
    'GET /admin/letter-templates': ['admin'],
    'GET /admin/letter-templates/new': ['admin'],
    'POST /admin/letter-templates': ['admin'],
    'GET /admin/digital-post': ['admin'],
    'POST /admin/digital-post/sender': ['admin'],
    'GET /admin/org': ['admin'],
    'GET /admin/org/new': ['admin'],
    'POST /admin/org': ['admin'],
    'GET /admin/sso': ['admin'],
    'POST /admin/sso': ['admin'],
    'POST /admin/sso/rules': ['admin'],
    'POST /admin/sso/local-passwords': ['admin'],
  };

  for (const [route, who] of Object.entries(allowed)) {
    it(`${route}: ${who.join(', ')}`, async () => {
      const [method, rawPath] = route.split(' ') as [string, string];
      const path = rawPath.replace(':id', someUserId);
      const call = (cookie?: string) =>
        method === 'GET' ? t.get(path, { cookie }) : t.post(path, { username: '', displayName: '' }, { cookie });
      for (const [user, cookie] of Object.entries(cookies)) {
        const res = await call(cookie);
        if (who.includes(user)) expect([200, 303, 422], `${user} ${route}`).toContain(res.status);
        else expect(res.status, `${user} ${route}`).toBe(403);
      }
      const anonymous = await call();
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get('location')).toMatch(/^\/(login\?next=)?/);
    });
  }

  it('shows each user only the navigation they may use', async () => {
    const admin = await (await t.get('/', { cookie: cookies.admin })).text();
    expect(admin).toContain('href="/admin"');
    const employee = await (await t.get('/', { cookie: cookies.medarbejder })).text();
    expect(employee).not.toContain('href="/admin"');
    const records = await (await t.get('/admin', { cookie: cookies.journal })).text();
    expect(records).toContain('href="/admin/audit"');
    expect(records).not.toContain('href="/admin/users"');
  });
});
