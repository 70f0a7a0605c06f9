import { Hono, type Context } from 'hono';
import { toId } from '../../db/sql.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import {
  agendaItemObject,
  bodyObject,
  consultationObject,
  consultationsOf,
  fileLookup,
  findAgendaItem,
  legislativeTermObject,
  locationObject,
  meetingObject,
  membershipObject,
  organizationObject,
  OParlUrls,
  paperModified,
  paperObject,
  personObject,
  rowModified,
  systemObject,
  type OParlObject,
} from './oparl.ts';
import { absoluteUrlCaching, baseUrlOf, paginate, parseListQuery, problem, send } from './oparl-http.ts';
import { listPublicMeetings, type PublicMeetingEntry } from './public.ts';

/**
 * The OParl 1.1 API at /oparl/v1.1 (read-only, no sign-in; see oparl.ts for what is published).
 *
 * Lists are external object lists: `data`, `pagination` and `links` (first, prev, self, next,
 * last), sorted by id (stable), `page` from 1, `limit` (or OParl's `elementsPerPage`) from 1 to
 * 100, default 20, and the filters `created_since`, `created_until`, `modified_since`,
 * `modified_until` (date-time), kept in every page link. Deleted objects stay in lists and at
 * their URL as `{id, type, created, modified, deleted: true}`. Every answer is
 * `application/json; charset=utf-8` with `Access-Control-Allow-Origin: *`, errors too.
 */

export function oparlRoutes(database: Database, config: Pick<Config, 'publicUrl'>) {
  const app = new Hono<AppEnv>();
  const db = database.db;
  const urlsOf = (c: Context) => new OParlUrls(baseUrlOf(c, config));

  // Every answer holds absolute URLs (errors are cheap to treat alike).
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', absoluteUrlCaching(config, 'no-cache'));
  });

  app.options('*', (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    c.header('Access-Control-Max-Age', '86400');
    return c.body(null, 204);
  });

  /** A list handler: parse the query, load rows, page them, build the page's objects. */
  function list<R extends { id: number }>(
    c: Context,
    listUrl: string,
    rows: R[],
    times: (r: R) => { created: string; modified: string },
    build: (page: R[]) => Promise<OParlObject[]> | OParlObject[],
  ) {
    const parsed = parseListQuery(new URL(c.req.url).searchParams);
    if (!parsed.ok) return problem(c, 400, parsed.message);
    const { rows: page, envelope } = paginate(rows, parsed.query, listUrl, times);
    return Promise.resolve(build(page)).then((data) => send(c, envelope(data)));
  }

  const id = (c: Context) => toId(c.req.param('id'));

  const committees = () =>
    db
      .selectFrom('committees')
      .select(['id', 'name', 'short_name', 'kind', 'term_start', 'term_end', 'created_at', 'updated_at', 'deleted_at'])
      .execute();
  const memberships = () =>
    db
      .selectFrom('committee_memberships')
      .select([
        'id',
        'committee_id',
        'person_id',
        'role',
        'voting',
        'starts_on',
        'ends_on',
        'created_at',
        'updated_at',
        'deleted_at',
      ])
      .execute();
  const persons = () =>
    db
      .selectFrom('council_persons')
      .select(['id', 'name', 'given_name', 'family_name', 'email', 'phone', 'created_at', 'updated_at', 'deleted_at'])
      .execute();
  const papers = () =>
    db.selectFrom('papers').select(['id', 'title', 'reference', 'created_at', 'updated_at', 'deleted_at']).execute();
  const meetingTimes = (e: PublicMeetingEntry) => ({ created: e.firstPublishedAt, modified: e.modifiedAt });
  const meetingsOf = (c: Context, page: PublicMeetingEntry[]) =>
    Promise.all(page.map((e) => meetingObject(database, urlsOf(c), e)));

  /** Persons elected to the city council (their contact details are public). */
  async function electedIds(): Promise<Set<number>> {
    const rows = await db
      .selectFrom('committee_memberships')
      .innerJoin('committees', 'committees.id', 'committee_memberships.committee_id')
      .select('committee_memberships.person_id')
      .where('committees.kind', '=', 'council')
      .where('committee_memberships.deleted_at', 'is', null)
      .execute();
    return new Set(rows.map((r) => r.person_id));
  }

  app.get('/', async (c) => send(c, await systemObject(database, urlsOf(c))));

  app.get('/bodies', async (c) => {
    const body = await bodyObject(database, urlsOf(c));
    const row = { id: 1, created: body.created!, modified: body.modified! };
    return list(
      c,
      urlsOf(c).bodies(),
      [row],
      (r) => r,
      () => [body],
    );
  });
  app.get('/body/:id{[0-9]+}', async (c) =>
    id(c) === 1 ? send(c, await bodyObject(database, urlsOf(c))) : problem(c, 404, 'No such body'),
  );

  // Organizations (committees)
  app.get('/body/1/organizations', async (c) => {
    const [rows, ms] = await Promise.all([committees(), memberships()]);
    return list(
      c,
      urlsOf(c).list('organizations'),
      rows,
      (r) => ({ created: r.created_at, modified: rowModified(r) }),
      (page) =>
        page.map((r) =>
          organizationObject(
            urlsOf(c),
            r,
            ms.filter((m) => m.committee_id === r.id && !m.deleted_at).map((m) => m.id),
          ),
        ),
    );
  });
  app.get('/organization/:id{[0-9]+}', async (c) => {
    const row = (await committees()).find((r) => r.id === id(c));
    if (!row) return problem(c, 404, 'No such organization');
    const ms = await db
      .selectFrom('committee_memberships')
      .select('id')
      .where('committee_id', '=', row.id)
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .execute();
    return send(
      c,
      organizationObject(
        urlsOf(c),
        row,
        ms.map((m) => m.id),
      ),
    );
  });
  app.get('/organization/:id{[0-9]+}/meetings', async (c) => {
    const committeeId = id(c)!;
    const exists = await db.selectFrom('committees').select('id').where('id', '=', committeeId).executeTakeFirst();
    if (!exists) return problem(c, 404, 'No such organization');
    const entries = await listPublicMeetings(database, { committeeId, includeDeleted: true });
    return list(c, urlsOf(c).organizationMeetings(committeeId), entries, meetingTimes, (page) => meetingsOf(c, page));
  });

  // People (council persons) and memberships
  app.get('/body/1/people', async (c) => {
    const [rows, ms, elected] = await Promise.all([persons(), memberships(), electedIds()]);
    return list(
      c,
      urlsOf(c).list('people'),
      rows,
      (r) => ({ created: r.created_at, modified: rowModified(r) }),
      (page) =>
        page.map((p) =>
          personObject(
            urlsOf(c),
            p,
            ms.filter((m) => m.person_id === p.id),
            elected.has(p.id),
          ),
        ),
    );
  });
  app.get('/person/:id{[0-9]+}', async (c) => {
    const p = (await persons()).find((r) => r.id === id(c));
    if (!p) return problem(c, 404, 'No such person');
    const ms = (await memberships()).filter((m) => m.person_id === p.id).sort((a, b) => a.id - b.id);
    return send(c, personObject(urlsOf(c), p, ms, (await electedIds()).has(p.id)));
  });
  app.get('/body/1/memberships', async (c) => {
    const rows = await memberships();
    return list(
      c,
      urlsOf(c).list('memberships'),
      rows,
      (r) => ({ created: r.created_at, modified: rowModified(r) }),
      (page) => page.map((m) => membershipObject(urlsOf(c), m)),
    );
  });
  app.get('/membership/:id{[0-9]+}', async (c) => {
    const m = (await memberships()).find((r) => r.id === id(c));
    return m ? send(c, membershipObject(urlsOf(c), m)) : problem(c, 404, 'No such membership');
  });

  // Legislative terms and locations
  app.get('/body/1/legislative-terms', async (c) => {
    const rows = await db.selectFrom('legislative_terms').selectAll().execute();
    return list(
      c,
      urlsOf(c).list('legislative-terms'),
      rows,
      (r) => ({ created: r.created_at, modified: rowModified(r) }),
      (page) => page.map((t) => legislativeTermObject(urlsOf(c), t)),
    );
  });
  app.get('/legislative-term/:id{[0-9]+}', async (c) => {
    const t = await db.selectFrom('legislative_terms').selectAll().where('id', '=', id(c)!).executeTakeFirst();
    return t ? send(c, legislativeTermObject(urlsOf(c), t)) : problem(c, 404, 'No such legislative term');
  });
  app.get('/body/1/locations', async (c) => {
    const rows = await db.selectFrom('meeting_locations').selectAll().execute();
    return list(
      c,
      urlsOf(c).list('locations'),
      rows,
      (r) => ({ created: r.created_at, modified: rowModified(r) }),
      (page) => page.map((l) => locationObject(urlsOf(c), l)),
    );
  });
  app.get('/location/:id{[0-9]+}', async (c) => {
    const l = await db.selectFrom('meeting_locations').selectAll().where('id', '=', id(c)!).executeTakeFirst();
    return l ? send(c, locationObject(urlsOf(c), l)) : problem(c, 404, 'No such location');
  });

  // Meetings and agenda items (published snapshots only)
  app.get('/body/1/meetings', async (c) => {
    const entries = await listPublicMeetings(database, { includeDeleted: true });
    return list(c, urlsOf(c).list('meetings'), entries, meetingTimes, (page) => meetingsOf(c, page));
  });
  app.get('/meeting/:id{[0-9]+}', async (c) => {
    const [entry] = await listPublicMeetings(database, { meetingIds: [id(c)!], includeDeleted: true });
    return entry ? send(c, await meetingObject(database, urlsOf(c), entry)) : problem(c, 404, 'No such meeting');
  });
  app.get('/agenda-item/:id{[0-9]+}', async (c) => {
    const found = await findAgendaItem(database, id(c)!);
    if (!found) return problem(c, 404, 'No such agenda item');
    const shown = found.meeting.minutes ?? found.meeting.agenda!;
    return send(
      c,
      agendaItemObject(
        urlsOf(c),
        shown.snapshot,
        found.item,
        found.order,
        shown.publishedAt,
        found.meeting.entry.firstPublishedAt,
      ),
    );
  });

  // Papers and consultations
  async function publicPapers() {
    const consultations = consultationsOf(await listPublicMeetings(database));
    const byPaper = new Map<number, typeof consultations>();
    for (const k of consultations) byPaper.set(k.paperId, [...(byPaper.get(k.paperId) ?? []), k]);
    const rows = (await papers()).filter((p) => byPaper.has(p.id));
    return { rows, byPaper, consultations };
  }
  app.get('/body/1/papers', async (c) => {
    const { rows, byPaper } = await publicPapers();
    return list(
      c,
      urlsOf(c).list('papers'),
      rows,
      (p) => ({ created: p.created_at, modified: paperModified(p, byPaper.get(p.id)!) }),
      (page) => page.map((p) => paperObject(urlsOf(c), p, byPaper.get(p.id)!)),
    );
  });
  app.get('/paper/:id{[0-9]+}', async (c) => {
    const { rows, byPaper } = await publicPapers();
    const p = rows.find((r) => r.id === id(c));
    return p ? send(c, paperObject(urlsOf(c), p, byPaper.get(p.id)!)) : problem(c, 404, 'No such paper');
  });
  app.get('/consultation/:id{[0-9]+}', async (c) => {
    const { consultations } = await publicPapers();
    const k = consultations.find((x) => x.itemId === id(c));
    return k ? send(c, consultationObject(urlsOf(c), k)) : problem(c, 404, 'No such consultation');
  });

  // Files (attachments)
  app.get('/file/:id{[0-9]+}', async (c) => {
    const file = await fileLookup(database, urlsOf(c), id(c)!);
    return file ? send(c, file) : problem(c, 404, 'No such file');
  });

  app.all('*', (c) => problem(c, 404, 'Not an OParl endpoint'));
  return app;
}
