import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { COUNCIL_UNIT, DIRECTORATES } from '../../../seeds/demo-org.ts';
import { seededRandom } from '../../../seeds/index.ts';
import { seedNews } from '../../../seeds/news.ts';
import { writeTransaction } from '../../db/index.ts';
import { checkImage } from './images.ts';
import { newsRoutes } from './routes.tsx';
import { newsForUser, readersReport, searchNews } from './service.ts';

/** The demo news: realistic, varied, and enough to show every feature (run as the lead will wire it). */
describe.each(DIALECTS)('news demo seed (%s)', (dialect) => {
  let t: TestApp;
  let summary: Awaited<ReturnType<typeof seedNews>>;
  const cookie: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    if (!t.app.routes.some((r) => r.path.startsWith('/news')))
      t.app.route('/news', newsRoutes(t.db.database, t.services.blobs));
    const db = t.db.database.db;
    const already = await db
      .selectFrom('news')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const users = await db
      .selectFrom('users')
      .select(['id', 'display_name', 'org_unit_id', 'username'])
      .where('is_active', '=', 1)
      .execute();
    const units = await db.selectFrom('org_units').select(['id', 'name']).execute();
    const unitIds = new Map<string, number>();
    for (const u of [...DIRECTORATES.flatMap((d) => d.units), COUNCIL_UNIT])
      unitIds.set(u.key, units.find((x) => x.name === u.name)!.id);
    const editorId = users.find((u) => u.username === 'sekretariat')!.id;
    if (Number(already.n) > 0) await db.deleteFrom('news').execute(); // the lead may already seed news in seedDemo
    summary = await writeTransaction(t.db.database, (tx) =>
      seedNews(tx, { blobs: t.services.blobs, random: seededRandom(77), users, unitIds, editorId }),
    );
    for (const u of ['sekretariat', 'medarbejder']) cookie[u] = await t.signIn(u);
  });
  afterAll(async () => t.cleanup());

  it('makes about fifteen items with the mix the front page and the report need', async () => {
    const rows = await t.db.database.db.selectFrom('news').selectAll().execute();
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows.filter((r) => r.pinned)).toHaveLength(2);
    expect(rows.filter((r) => r.must_read)).toHaveLength(3);
    expect(rows.filter((r) => r.image_sha256).length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => !r.image_sha256 || (r.image_alt ?? '').length > 10)).toBe(true);
    const audiences = await t.db.database.db.selectFrom('news_audience').select('news_id').distinct().execute();
    expect(audiences.length).toBeGreaterThanOrEqual(4);
    expect(summary.comments).toBeGreaterThan(3);
    expect(summary.reactions).toBeGreaterThan(5);
    for (const r of rows.filter((x) => x.image_sha256)) {
      const bytes = await t.services.blobs.read(r.image_sha256!);
      expect(await checkImage({ name: 'seed.png', type: 'image/png', bytes })).toMatchObject({
        ok: true,
        mime: 'image/png',
      });
    }
  });

  it('leaves must-read items partly read, so the report shows both', async () => {
    const rows = await t.db.database.db.selectFrom('news').selectAll().where('must_read', '=', 1).execute();
    for (const row of rows) {
      const report = await readersReport(t.db.database, row);
      expect(report.read, row.title).toBeGreaterThan(0);
      expect(report.pending, row.title).toBeGreaterThan(0);
    }
    const html = await (await t.get(`/news/${rows[0]!.id}/readers`, { cookie: cookie.sekretariat })).text();
    expect(html).toContain('Læsestatus pr. afdeling');
  });

  it('shows the demo employee pinned news and a must-read to confirm, and renders the pages', async () => {
    const me = await t.db.database.db
      .selectFrom('users')
      .select(['id', 'org_unit_id'])
      .where('username', '=', 'medarbejder')
      .executeTakeFirstOrThrow();
    const items = await newsForUser(
      t.db.database,
      { id: me.id, roles: ['employee'], orgUnitId: me.org_unit_id },
      { limit: 8 },
    );
    expect(items[0]!.pinned).toBe(true);
    expect(items.some((i) => i.pendingRead)).toBe(true);
    expect((await searchNews(t.db.database, 'informationssikkerhed', 5)).length).toBeGreaterThan(0);
    const archive = await t.get('/news', { cookie: cookie.medarbejder });
    expect(archive.status).toBe(200);
    for (const i of items) expect((await t.get(`/news/${i.id}`, { cookie: cookie.medarbejder })).status).toBe(200);
  });
});
