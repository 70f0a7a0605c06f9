import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/helpers/app.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { makePdf } from '../modules/documents/documents.fixtures.ts';
import { buildPublicFixture, type PublicFixture } from '../../test/helpers/public-fixture.ts';
import { createRoomsTestApp, type RoomsTestApp } from '../modules/rooms/rooms.fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => fs.readFileSync(path.join(ROOT, dir, f), 'utf8'));
}

const collect = (texts: string[], patterns: RegExp[]) => {
  const names = new Set<string>();
  for (const text of texts) for (const re of patterns) for (const m of text.matchAll(re)) names.add(m[1]!);
  return [...names].sort();
};

/**
 * Every query parameter the code reads: `c.req.query('x')`, `searchParams.get('x')`,
 * `params.get('x')`, and `q.x` where `q = c.req.query()`. Gathered from the source at test time,
 * so a new parameter is walked without anyone adding it here.
 */
function queryNames(): string[] {
  const src = sources('src');
  const names = collect(src, [
    /\.query\('([A-Za-z_][\w.-]*)'\)/g,
    /\bqueryId\(c, '([A-Za-z_][\w.-]*)'\)/g,
    /\.queries\('([A-Za-z_][\w.-]*)'\)/g,
    /[pP]arams\.get\('([A-Za-z_][\w.-]*)'\)/g,
  ]).concat(
    collect(
      src.filter((t) => t.includes('c.req.query()')),
      [/\bq\.([A-Za-z_]\w*)\b/g],
    ),
  );
  return [...new Set(names)].sort();
}

/** Every form field: the `name` of every control in the views, and what routes read from a body. */
function formNames(): string[] {
  // Form components name their control after its id (`<TextField id="parentId" …>`).
  const fromViews = collect(sources('views'), [
    /\bname="([^"{}\s]+)"/g,
    /\bname=\{'([^']+)'\}/g,
    /\bid="([A-Za-z][\w.-]*)"/g,
  ]);
  const fromRoutes = collect(sources('src'), [
    /\b(?:str|list|many|bool|flag|id|text)\((?:body, )?'([^']+)'/g,
    /\bbody\.([A-Za-z_]\w*)\b/g,
    /\bbody\['([^']+)'\]/g,
    /\bform\.get(?:All)?\('([^']+)'\)/g,
  ]);
  // Names built from an id (`att-<personId>`), with a big id in them.
  const templated = collect(sources('views'), [/`([A-Za-z][\w.]*-)\$\{/g]).map((prefix) => `${prefix}99999999999`);
  return [...new Set([...fromViews, ...fromRoutes, ...templated])].sort();
}

interface Fixture {
  pageId: number;
  newsId: number;
  roomId: number;
  threadId: number;
  postId: number;
  caseId: number;
  docId: number;
  meetings: PublicFixture;
  locationId: number;
  memberId: string;
}

/** Something of each kind to walk into: a page with two revisions, news, a room with a thread, a case with a document, meetings. */
async function buildFixture(t: RoomsTestApp): Promise<Fixture> {
  const located = (res: Response) => {
    expect(res.status, res.headers.get('location') ?? '').toBe(303);
    return Number(/\/(\d+)(?:[?#].*)?$/.exec(res.headers.get('location')!)![1]);
  };
  const pageId = located(
    await t.post(
      '/pages',
      { title: 'Kantinens menuplan', body: 'Første udgave.', ownerUsername: 'admin' },
      { cookie: t.cookie.admin },
    ),
  );
  expect(
    (
      await t.post(
        `/pages/${pageId}`,
        { title: 'Kantinens menuplan', body: 'Anden udgave.', ownerUsername: 'admin', baseRevision: '1' },
        { cookie: t.cookie.admin },
      )
    ).status,
  ).toBe(303);
  const newsId = located(
    await t.post(
      '/news',
      { title: 'Ny kantineordning', summary: 'Nye åbningstider.', body: 'Læs mere her.' },
      { cookie: t.cookie.sekretariat },
    ),
  );
  const roomId = await t.room('sekretariat');
  const { threadId, postId } = await t.thread('sekretariat', roomId);
  await t.join('medarbejder', roomId);
  const unit = (
    await t.db.database.db
      .selectFrom('users')
      .select('org_unit_id')
      .where('username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow()
  ).org_unit_id!;
  const caseId = located(
    await t.post(
      '/cases',
      {
        type: 'subject',
        title: 'Byggesag Østergade 12',
        kleNumber: '02.34.02',
        facetCode: 'P20',
        unitId: String(unit),
      },
      { cookie: t.cookie.journal },
    ),
  );
  const upload = await t.upload(
    `/cases/${caseId}/documents`,
    { direction: 'incoming', documentDate: '2026-11-20', sender: 'Anna Borg', recipient: '' },
    [{ field: 'files', name: 'Notat.pdf', type: 'application/pdf', content: await makePdf(['Et notat']) }],
    { cookie: t.cookie.journal },
  );
  expect(upload.status).toBe(303);
  const doc = await t.db.database.db
    .selectFrom('documents')
    .select('id')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  const meetings = await buildPublicFixture(t);
  const location = await t.db.database.db
    .selectFrom('meeting_locations')
    .select('id')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return {
    pageId,
    newsId,
    roomId,
    threadId,
    postId,
    caseId,
    docId: doc.id,
    meetings,
    locationId: location.id,
    memberId: await t.idOf('medarbejder'),
  };
}

/** A route's path with its parameters filled in from the fixture, so the walk gets past "not found". */
function filler(f: Fixture): (route: string) => string {
  const m = f.meetings;
  const byPrefix: Array<[RegExp, Record<string, string | number>]> = [
    [/^\/pages\//, { id: f.pageId }],
    [/^\/news\//, { id: f.newsId }],
    [/^\/rooms\//, { id: f.roomId, threadId: f.threadId, postId: f.postId, userId: f.memberId }],
    [/^\/cases\//, { id: f.caseId, docId: f.docId }],
    [/^\/(meetings|public)\/committees\//, { id: m.committeeId }],
    [/^\/meetings\/persons\//, { id: m.politicianPersonId }],
    [/^\/meetings\/locations\//, { id: f.locationId }],
    [/^\/oparl\/v1\.1\/meeting\//, { id: m.meetingId }],
    [/^\/oparl\/v1\.1\/(agenda-item|consultation)\//, { id: m.openItemId }],
    [/^\/oparl\/v1\.1\/file\//, { id: m.openAttachmentId }],
    [/^\/oparl\/v1\.1\/organization\//, { id: m.committeeId }],
    [/^\/oparl\/v1\.1\/person\//, { id: m.politicianPersonId }],
    [/^\/oparl\/v1\.1\/paper\//, { id: m.openPaperId }],
    [
      /^\/(meetings|reader\/meetings|public\/meetings)\//,
      {
        id: m.meetingId,
        itemId: m.openItemId,
        attachmentId: m.openAttachmentId,
        aid: m.openAttachmentId,
        attId: m.openAttachmentId,
        personId: m.politicianPersonId,
      },
    ],
  ];
  return (route) => {
    const values = byPrefix.find(([re]) => re.test(route))?.[1] ?? {};
    return route.replace(/:([A-Za-z]+)(\{(?:[^{}]|\{[^}]*\})*\})?/g, (_, name: string) =>
      String(values[name] ?? (name === 'username' ? 'sekretariat' : name === 'name' ? 'session-cleanup' : 1)),
    );
  };
}

describe.each(DIALECTS)('ids beyond the integer range (%s)', (dialect) => {
  it('never turn into a server error, in an address, a query string or a form', async () => {
    const t = await createTestApp(dialect);
    const sek = await t.signIn('sekretariat');
    const jr = await t.signIn('journal');
    const admin = await t.signIn('admin');
    const big = '99999999999';
    const out: string[] = [];
    for (const [p, c] of [
      [`/meetings?committee=${big}`, sek],
      [`/meetings/1?version=${big}`, sek],
      [`/meetings/proposals?meeting=${big}`, sek],
      [`/meetings/committees/1?year=${big}`, sek],
      [`/notifications?seen=${big}`, sek],
      [`/pages/new?parent=${big}`, sek],
      [`/pages/1/history?from=${big}`, sek],
      [`/pages/1/edit?from=${big}`, admin],
      [`/me/files?folder=${big}`, sek],
      [`/cases?unit=${big}`, jr],
      [`/cases?after=${big}`, jr],
      [`/cases/search?q=x&unit=${big}`, jr],
      [`/people?unit=${big}`, sek],
      [`/org?unit=${big}`, sek],
      [`/news?page=${big}`, sek],
      [`/admin/audit?entity=${big}`, admin],
      [`/reader/search?q=x&committee=${big}`, sek],
      [`/public/meetings?committee=${big}`, ''],
      [`/oparl/v1.1/body/1/meetings?page=${big}`, ''],
      [`/oparl/v1.1/meeting/${big}`, ''],
      [`/rooms?after=${big}`, sek],
    ] as const) {
      const r = await t.get(p, c ? { cookie: c } : {});
      if (r.status >= 500) out.push(`${p} ${r.status}`);
    }
    for (const [p, body, c] of [
      ['/me/folders', { name: 'x', parent: big }, sek],
      ['/me/files', { folder: big }, sek],
      [
        '/pages',
        { title: 'x', body: 'y', parentId: big, ownerUsername: 'sekretariat', reviewBy: '', sortOrder: '' },
        sek,
      ],
      [
        '/meetings',
        { committeeId: big, title: 'x', date: '2027-01-01', startTime: '10:00', endTime: '', locationId: big },
        sek,
      ],
      ['/cases', { type: 'subject', title: 'x', kleNumber: '00.01.00', facetCode: 'G01', unitId: big }, jr],
      [
        '/cases',
        {
          type: 'subject',
          title: 'x',
          kleNumber: '00.01.00',
          facetCode: 'G01',
          unitId: '1',
          confidential: 'on',
          accessUnitIds: big,
        },
        jr,
      ],
      ['/news', { title: 'x', summary: 'y', body: 'z', audience: big }, sek],
      ['/meetings/1/items', { title: 'x', caseId: big }, sek],
      ['/meetings/committees/1/memberships', { personId: big, role: 'member', startsOn: '2026-01-01' }, sek],
      ['/rooms', { name: 'x', purpose: 'y', visibility: 'open' }, sek],
      ['/shortcuts', { label: 'x', url: '/cases/' + big }, sek],
      ['/pages', { title: 'Links', body: `[x](/pages/${big})`, ownerUsername: 'admin' }, admin],
      ['/cases/1/relations', { number: big }, jr],
      ['/admin/users', { username: 'xx', name: 'x', email: 'a@b.dk', unitId: big, managerUsername: '' }, admin],
    ] as const) {
      const r = await t.post(p, body as Record<string, string>, { cookie: c });
      if (r.status >= 500) out.push(`POST ${p} ${r.status}`);
    }
    await t.cleanup();
    expect(out).toEqual([]);
  }, 120000);

  it('never turn into a server error in any query parameter or form field of any route', async () => {
    const t = await createRoomsTestApp(dialect);
    const f = await buildFixture(t);
    const errors: string[] = [];
    t.services.logger.error = (msg: string, fields?: Record<string, unknown>) => {
      errors.push(`${msg} ${String((fields?.err as Error | undefined)?.message ?? '')}`);
    };
    const as = async (username: 'admin' | 'journal' | 'sekretariat') => t.cookie[username];
    // The account most likely to get past the access check of each area.
    const userFor = (p: string): 'admin' | 'journal' | 'sekretariat' =>
      p.startsWith('/admin') ? 'admin' : p.startsWith('/cases') ? 'journal' : 'sekretariat';
    const big = '99999999999';
    const queries = queryNames();
    const fields = formNames();
    expect(queries).toEqual(
      expect.arrayContaining(['from', 'parent', 'version', 'before', 'committee', 'year', 'page']),
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'parentId',
        'committeeId',
        'locationId',
        'target',
        'personId',
        `att-${big}`,
        `sub-${big}`,
      ]),
    );

    const routes = [
      ...new Set(
        t.app.routes
          .filter((r) => (r.method === 'GET' || r.method === 'POST') && !r.path.includes('*'))
          .map((r) => `${r.method} ${r.path}`),
      ),
    ];
    // Signing out (or in) would end the walk's own sessions or trip the sign-in throttle.
    const skip = new Set(['POST /logout', 'POST /logout/everywhere', 'POST /login']);
    const out: string[] = [];
    const check = (what: string, res: Response) => {
      if (res.status >= 500) out.push(`${what} ${res.status} ${errors.splice(0).join(' | ')}`);
    };
    const fill = filler(f);
    const gets = routes.filter((r) => r.startsWith('GET ')).map((r) => fill(r.slice(4)));
    // Deleting and archiving last, so the rest still finds what it changes.
    const last = (r: string) => (/deletion|delete|archive|end$/.test(r) ? 1 : 0);
    const posts = routes
      .filter((r) => r.startsWith('POST ') && !skip.has(r))
      .sort((a, b) => last(a) - last(b))
      .map((r) => fill(r.slice(5)));
    expect(gets.length).toBeGreaterThan(100);
    expect(posts.length).toBeGreaterThan(100);

    for (const p of gets) {
      const cookie = await as(userFor(p));
      // Every parameter at once (also as the administrator, who may edit any page), then each
      // alone (so one that answers early cannot hide another).
      const all = new URLSearchParams(queries.map((n) => [n, big]));
      const res = await t.get(`${p}?${all}`, { cookie });
      check(`GET ${p}?<all>`, res);
      if (userFor(p) !== 'admin')
        check(`GET ${p}?<all> (admin)`, await t.get(`${p}?${all}`, { cookie: await as('admin') }));
      // A full answer read every parameter it cares about; anything else (a 404 for ?version=,
      // a 400, a redirect) may have stopped at one parameter before reading the next.
      if (res.status === 200 || res.status === 403) continue;
      for (const n of queries) check(`GET ${p}?${n}=${big}`, await t.get(`${p}?${n}=${big}`, { cookie }));
    }
    for (const p of posts) {
      const form = Object.fromEntries(fields.map((n) => [n, big]));
      check(`POST ${p} <all fields>`, await t.post(p, form, { cookie: await as(userFor(p)) }));
      if (userFor(p) !== 'admin')
        check(`POST ${p} <all fields> (admin)`, await t.post(p, form, { cookie: await as('admin') }));
    }
    await t.cleanup();
    expect(out).toEqual([]);
  }, 600_000);
});
