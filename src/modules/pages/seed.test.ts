import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../seeds/index.ts';
import { seedPages } from '../../../seeds/pages.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { writeTransaction } from '../../db/index.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { sendPageReviewReminders } from './reviews.ts';
import { backlinks, diff, history, loadTree, searchPages } from './service.ts';

describe.each(DIALECTS)('knowledge pages: demo seed (%s)', (dialect) => {
  let t: TestApp;
  let result: { pages: number; revisions: number };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const db = t.db.database;
    const users = await db.db.selectFrom('users').select(['id', 'display_name', 'username', 'org_unit_id']).execute();
    const editorId = users.find((u) => u.username === 'sekretariat')!.id;
    result = await writeTransaction(db, (tx) => seedPages(tx, { random: seededRandom(77), users, editorId }));
  });
  afterAll(async () => t.cleanup());

  it('makes a tree of about 25 pages with history, links and overdue reviews', async () => {
    const db = t.db.database;
    expect(result.pages).toBe(25);
    expect(result.revisions).toBeGreaterThan(result.pages + 10);
    const tree = await loadTree(db);
    expect(tree.roots.map((n) => n.title)).toEqual([
      'Personalehåndbog',
      'IT',
      'Sagsbehandling',
      'Kommunikation',
      'Arbejdsmiljø',
    ]);
    const handbook = tree.roots[0]!;
    expect(handbook.children.map((n) => n.title)).toEqual([
      'Arbejdstid',
      'Barsel og orlov',
      'Ferie og fridage',
      'Hjemmearbejde',
      'Sygdom',
    ]);

    const holiday = handbook.children.find((n) => n.title === 'Ferie og fridage')!;
    const revs = await history(db, holiday.id);
    expect(revs.length).toBeGreaterThanOrEqual(3);
    // Revisions are in time order.
    expect([...revs].reverse().map((r) => r.created_at)).toEqual([...revs].map((r) => r.created_at).sort());
    const d = (await diff(db, holiday.id, revs.at(-1)!.revision, revs[0]!.revision))!;
    expect(d.added).toBeGreaterThan(0);
    expect(d.removed).toBeGreaterThan(0);

    const sick = handbook.children.find((n) => n.title === 'Sygdom')!;
    expect((await backlinks(db, sick.id)).map((b) => b.title)).toEqual(
      expect.arrayContaining(['Ferie og fridage', 'Stress – forebyggelse og hjælp']),
    );

    const print = tree.roots[1]!.children.find((n) => n.title === 'Printere og fjernprint')!;
    expect((await searchPages(db, 'fjernprint', 5))[0]!.id).toBe(print.id);

    // Overdue reviews remind demo accounts.
    const today = copenhagenDate(new Date());
    const overdue = await db.db
      .selectFrom('pages')
      .select(['title', 'owner_id'])
      .where('review_by', '<', today)
      .execute();
    expect(overdue.map((p) => p.title).sort()).toEqual([
      'Arbejdsmiljøorganisationen (AMO)',
      'Hjemmearbejde',
      'Printere og fjernprint',
    ]);
    expect(await sendPageReviewReminders(db, today)).toBe(3);
    const medarbejder = await db.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'medarbejder')
      .executeTakeFirstOrThrow();
    const notes = await db.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', medarbejder.id)
      .where('kind', '=', 'page.review')
      .execute();
    expect(notes).toHaveLength(1);
  });
});
