import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { verifyAuditChain } from '../../audit/service.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import type { Role } from '../../policy/index.ts';
import { sendPageReviewReminders, pageReviewJob } from './reviews.ts';
import {
  addDays,
  archivePage,
  backlinks,
  breadcrumbs,
  children,
  createPage,
  diff,
  emptyPageInput,
  flattenTree,
  getPage,
  history,
  linkedPageIds,
  loadTree,
  movePage,
  restorePage,
  reviewState,
  searchPages,
  updatePage,
  type PageActor,
  type PageInput,
} from './service.ts';

describe.each(DIALECTS)('knowledge pages: service (%s)', (dialect) => {
  let t: TestApp;
  let editor: PageActor;
  let employee: PageActor;
  const today = copenhagenDate(new Date());

  const actor = async (username: string): Promise<PageActor> => {
    const u = await t.db.database.db
      .selectFrom('users')
      .select(['id', 'display_name', 'org_unit_id'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const roles = await t.db.database.db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute();
    return { id: u.id, name: u.display_name, roles: roles.map((r) => r.role as Role), orgUnitId: u.org_unit_id };
  };

  const create = async (over: Partial<PageInput>, by = editor) => {
    const r = await createPage(t.db.database, emptyPageInput({ ownerUsername: 'sekretariat', ...over }), by);
    if (!r.ok) throw new Error(`createPage failed: ${JSON.stringify(r.errors)}`);
    return r.id;
  };

  /** The edit form as the page stands now, with changes. */
  const formFor = async (id: number, over: Partial<PageInput> = {}): Promise<PageInput> => {
    const p = (await getPage(t.db.database, id))!;
    return emptyPageInput({
      title: p.title,
      body: p.body_md,
      parentId: p.parent_id === null ? '' : String(p.parent_id),
      ownerUsername: p.owner_username ?? '',
      reviewBy: p.review_by ?? '',
      sortOrder: p.sort_order ? String(p.sort_order) : '',
      baseRevision: String(p.current_revision),
      ...over,
    });
  };

  const auditCount = async (action: string, id: number) =>
    (
      await t.db.database.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', action)
        .where('entity_type', '=', 'page')
        .where('entity_id', '=', String(id))
        .execute()
    ).length;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    editor = await actor('sekretariat');
    employee = await actor('medarbejder');
  });
  afterAll(async () => t.cleanup());

  it('builds the tree in order, with breadcrumbs and children', async () => {
    const handbook = await create({ title: 'Personalehåndbog', body: 'Alt om at være ansat.' });
    const holiday = await create({ title: 'Ferie og fridage', body: 'Ferieloven gælder.', parentId: String(handbook) });
    const sick = await create({
      title: 'Sygdom',
      body: 'Ring før kl. 8.',
      parentId: String(handbook),
      sortOrder: '-1',
    });
    const rules = await create({
      title: 'Ferieregler i detaljer',
      body: 'Samtidighedsferie.',
      parentId: String(holiday),
    });
    const itPage = await create({ title: 'IT', body: 'Hjælp til IT.' });

    const tree = await loadTree(t.db.database);
    const rootTitles = tree.roots.map((n) => n.title);
    expect(rootTitles.indexOf('IT')).toBeLessThan(rootTitles.indexOf('Personalehåndbog'));
    // Sort order first (Sygdom has -1), then title.
    expect(tree.byId.get(handbook)!.children.map((n) => n.id)).toEqual([sick, holiday]);
    expect(tree.byId.get(holiday)!.children.map((n) => n.id)).toEqual([rules]);
    const flat = flattenTree(tree);
    expect(flat.find((e) => e.node.id === rules)!.depth).toBe(2);

    expect(await breadcrumbs(t.db.database, rules)).toEqual([
      { id: handbook, title: 'Personalehåndbog' },
      { id: holiday, title: 'Ferie og fridage' },
    ]);
    expect(await breadcrumbs(t.db.database, itPage)).toEqual([]);
    expect((await children(t.db.database, handbook)).map((c) => c.title)).toEqual(['Sygdom', 'Ferie og fridage']);
    expect(await auditCount('page.create', rules)).toBe(1);
  });

  it('writes a new revision only when the title or text really changed', async () => {
    const id = await create({
      title: 'Hjemmearbejde',
      body: 'Du kan arbejde hjemme to dage om ugen.\n\n- Aftal det med din leder',
    });
    const before = await getPage(t.db.database, id);
    const audits = await auditCount('page.update', id);

    // The same text as a browser sends it back (CRLF, trailing blank line): nothing is written.
    const same = await updatePage(
      t.db.database,
      id,
      await formFor(id, {
        body: 'Du kan arbejde hjemme to dage om ugen.\r\n\r\n- Aftal det med din leder\r\n\r\n',
        title: '  Hjemmearbejde ',
      }),
      editor,
    );
    expect(same).toEqual({ ok: true, revision: null, changed: [], moved: false });
    expect(await history(t.db.database, id)).toHaveLength(1);
    expect(await auditCount('page.update', id)).toBe(audits);
    expect((await getPage(t.db.database, id))!.updated_at).toBe(before!.updated_at);

    const changed = await updatePage(
      t.db.database,
      id,
      await formFor(id, {
        body: 'Du kan arbejde hjemme op til to dage om ugen.\n\n- Aftal det med din leder',
        note: 'Præciseret',
      }),
      editor,
    );
    expect(changed).toMatchObject({ ok: true, revision: 2, changed: ['body'] });
    const revs = await history(t.db.database, id);
    expect(revs.map((r) => r.revision)).toEqual([2, 1]);
    expect(revs[0]).toMatchObject({ note: 'Præciseret', author_name: editor.name });
    expect((await getPage(t.db.database, id))!.current_revision).toBe(2);
    expect(await auditCount('page.update', id)).toBe(audits + 1);

    // Owner and review date are saved on the page, without a revision.
    const meta = await updatePage(
      t.db.database,
      id,
      await formFor(id, { ownerUsername: 'medarbejder', reviewBy: addDays(today, 100) }),
      editor,
    );
    expect(meta).toMatchObject({ ok: true, revision: null, changed: ['owner', 'reviewBy'] });
    expect(await history(t.db.database, id)).toHaveLength(2);
    const after = (await getPage(t.db.database, id))!;
    expect(after.owner_username).toBe('medarbejder');
    expect(after.review_by).toBe(addDays(today, 100));

    // Revisions are append-only in the database itself.
    await expect(
      t.db.database.db.updateTable('page_revisions').set({ body_md: 'x' }).where('page_id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.database.db.deleteFrom('page_revisions').where('page_id', '=', id).execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it('refuses an edit that began before someone else saved', async () => {
    const id = await create({ title: 'Printere', body: 'Brug fjernprint.' });
    const start = await formFor(id);
    expect(
      (await updatePage(t.db.database, id, { ...start, body: 'Brug fjernprint på alle printere.' }, editor)).ok,
    ).toBe(true);
    const late = await updatePage(t.db.database, id, { ...start, body: 'Brug altid fjernprint.' }, employee);
    expect(late).toEqual({ ok: false, errors: { body: 'pages.error.conflict' }, currentRevision: 2 });
    expect(await history(t.db.database, id)).toHaveLength(2);
  });

  it('shows a word-level difference between revisions', async () => {
    const id = await create({
      title: 'Ferie',
      body: 'Du har ret til fem ugers ferie om året.\n\nSe også feriekalenderen.',
    });
    await updatePage(
      t.db.database,
      id,
      await formFor(id, {
        title: 'Ferie og fridage',
        body: 'Du har ret til seks ugers ferie om året.\n\nSe også feriekalenderen.',
      }),
      editor,
    );
    const d = (await diff(t.db.database, id, 1, 2))!;
    expect(d.identical).toBe(false);
    expect(d.body).toContainEqual({ kind: 'removed', text: 'fem' });
    expect(d.body).toContainEqual({ kind: 'added', text: 'seks' });
    expect(
      d.body
        .filter((p) => p.kind === 'same')
        .map((p) => ('text' in p ? p.text : ''))
        .join(''),
    ).toContain('ugers ferie om året');
    expect(d.title).toEqual([
      { kind: 'same', text: 'Ferie ' },
      { kind: 'added', text: 'og fridage' },
    ]);
    expect(d).toMatchObject({ added: 3, removed: 1 });
    expect((await diff(t.db.database, id, 2, 2))!.identical).toBe(true);
    expect(await diff(t.db.database, id, 1, 9)).toBeUndefined();
  });

  it('keeps the links between pages for "pages that link here"', async () => {
    const target = await create({ title: 'Aktindsigt – sådan gør du', body: 'Svar inden 7 arbejdsdage.' });
    const source = await create({
      title: 'Journalisering',
      body: `Se [aktindsigt](/pages/${target}) og [kilden](https://example.org/pages/${target}).`,
    });
    expect(linkedPageIds(`[x](/pages/${target}#afsnit) [y](/pages/${target}) \`/pages/999\``, source)).toEqual([
      target,
    ]);
    expect(await backlinks(t.db.database, target)).toEqual([{ id: source, title: 'Journalisering' }]);

    await updatePage(t.db.database, source, await formFor(source, { body: 'Ingen links længere.' }), editor);
    expect(await backlinks(t.db.database, target)).toEqual([]);
    await updatePage(
      t.db.database,
      source,
      await formFor(source, { body: `Tilbage: [aktindsigt](/pages/${target}).` }),
      editor,
    );
    expect(await backlinks(t.db.database, target)).toHaveLength(1);
    // An archived page links nowhere any more.
    expect((await archivePage(t.db.database, source, editor)).ok).toBe(true);
    expect(await backlinks(t.db.database, target)).toEqual([]);
  });

  it('moves pages but refuses a cycle', async () => {
    const a = await create({ title: 'Sagsbehandling', body: '' });
    const b = await create({ title: 'Partshøring', body: '', parentId: String(a) });
    const c = await create({ title: 'Partshøring i praksis', body: '', parentId: String(b) });
    const other = await create({ title: 'Kommunikation', body: '' });

    expect(await movePage(t.db.database, a, c, editor)).toEqual({ ok: false, error: 'pages.error.cycle' });
    expect(await movePage(t.db.database, a, a, editor)).toEqual({ ok: false, error: 'pages.error.cycle' });
    // Through the edit form too.
    expect(await updatePage(t.db.database, a, await formFor(a, { parentId: String(b) }), editor)).toMatchObject({
      ok: false,
      errors: { parentId: 'pages.error.cycle' },
    });
    expect((await getPage(t.db.database, a))!.parent_id).toBeNull();

    expect(await movePage(t.db.database, b, other, editor)).toEqual({ ok: true, moved: true });
    expect(await breadcrumbs(t.db.database, c)).toEqual([
      { id: other, title: 'Kommunikation' },
      { id: b, title: 'Partshøring' },
    ]);
    expect(await auditCount('page.move', b)).toBe(1);
    expect(await movePage(t.db.database, b, null, editor)).toEqual({ ok: true, moved: true });
    expect((await loadTree(t.db.database)).roots.map((n) => n.id)).toContain(b);
  });

  it('archives a page (hidden from the tree, kept) but not one with sub-pages', async () => {
    const parent = await create({ title: 'Arbejdsmiljø', body: 'AMR og APV.' });
    const child = await create({ title: 'APV', body: 'Arbejdspladsvurdering.', parentId: String(parent) });
    expect(await archivePage(t.db.database, parent, editor)).toEqual({ ok: false, error: 'pages.error.hasChildren' });
    expect(await archivePage(t.db.database, child, editor)).toEqual({ ok: true });
    const tree = await loadTree(t.db.database);
    expect(tree.byId.get(parent)!.children).toEqual([]);
    expect(tree.byId.get(child)!.archived).toBe(true);
    expect(flattenTree(tree).some((e) => e.node.id === child)).toBe(false);
    expect((await getPage(t.db.database, child))!.body_md).toBe('Arbejdspladsvurdering.');
    expect(await auditCount('page.archive', child)).toBe(1);
    // Nothing can be placed under an archived page.
    expect(
      (
        await createPage(
          t.db.database,
          emptyPageInput({ title: 'Under arkiv', ownerUsername: 'sekretariat', parentId: String(child) }),
          editor,
        )
      ).ok,
    ).toBe(false);
    expect(await restorePage(t.db.database, child, editor)).toEqual({ ok: true });
    expect((await loadTree(t.db.database)).byId.get(parent)!.children.map((n) => n.id)).toEqual([child]);
  });

  it('validates input and names each problem', async () => {
    const r = await createPage(
      t.db.database,
      emptyPageInput({
        title: '  ',
        body: 'x'.repeat(100_001),
        ownerUsername: 'ingen-saadan',
        reviewBy: '2026-02-30',
        sortOrder: '1.5',
        parentId: '999999',
      }),
      editor,
    );
    expect(r).toEqual({
      ok: false,
      errors: {
        title: 'pages.error.title',
        body: 'pages.error.bodyLong',
        ownerUsername: 'pages.error.owner',
        reviewBy: 'pages.error.reviewDate',
        sortOrder: 'pages.error.sortOrder',
        parentId: 'pages.error.parent',
      },
    });
    const past = await createPage(
      t.db.database,
      emptyPageInput({ title: 'Gammel', ownerUsername: 'sekretariat', reviewBy: addDays(today, -1) }),
      editor,
    );
    expect(past).toMatchObject({ ok: false, errors: { reviewBy: 'pages.error.reviewPast' } });
  });

  it('reminds the owner once when the review date has come', async () => {
    const due = addDays(today, 10);
    const id = await create({
      title: 'Tavshedspligt',
      body: 'Forvaltningslovens § 27.',
      ownerUsername: 'medarbejder',
      reviewBy: due,
    });
    const later = await create({
      title: 'Klarsprog',
      body: 'Skriv kort.',
      ownerUsername: 'medarbejder',
      reviewBy: addDays(today, 40),
    });
    const mine = (pageId: number) =>
      t.db.database.db
        .selectFrom('notifications')
        .select(['kind', 'params', 'link'])
        .where('user_id', '=', employee.id)
        .where('kind', '=', 'page.review')
        .where('link', '=', `/pages/${pageId}`)
        .orderBy('id')
        .execute();

    expect(await sendPageReviewReminders(t.db.database, addDays(due, -1))).toBe(0);
    expect(await sendPageReviewReminders(t.db.database, due)).toBe(1);
    expect(await sendPageReviewReminders(t.db.database, due)).toBe(0);
    expect(await sendPageReviewReminders(t.db.database, addDays(due, 3))).toBe(0);
    const sent = await mine(id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.link).toBe(`/pages/${id}`);
    expect(JSON.parse(sent[0]!.params)).toEqual({ title: 'Tavshedspligt', due });
    expect(reviewState(due, due)).toBe('due');
    expect(reviewState(due, addDays(due, 1))).toBe('overdue');
    expect(reviewState(due, addDays(due, -5))).toBe('soon');
    expect(reviewState(null, due)).toBe('none');

    // Reviewed: a new date arms the next reminder.
    const next = addDays(today, 200);
    await updatePage(t.db.database, id, await formFor(id, { reviewBy: next }), employee);
    expect(await sendPageReviewReminders(t.db.database, addDays(due, 3))).toBe(0);
    // This page again (for its new date), "Klarsprog", and any other page whose date has come by then.
    expect(await sendPageReviewReminders(t.db.database, next)).toBeGreaterThanOrEqual(2);
    expect((await mine(id)).map((n) => JSON.parse(n.params).due)).toEqual([due, next]);
    expect(await mine(later)).toHaveLength(1);
    expect(await sendPageReviewReminders(t.db.database, next)).toBe(0);

    const job = pageReviewJob(t.db.database);
    expect(job).toMatchObject({ name: 'page-review-reminders', runOnStart: true, title: 'pages.job.review' });
    expect(await job.run()).toEqual({ counts: { reminders: 0 } });
  });

  it('finds pages by words in the title and the current text, never archived ones', async () => {
    const id = await create({
      title: 'Ny medarbejder: IT-opstart',
      body: 'Første dag: hent dit adgangskort og log på med **to-faktor**. Fjernprint sættes op af IT-support.',
    });
    const hits = await searchPages(t.db.database, 'adgangskort', 10);
    expect(hits.map((h) => h.id)).toEqual([id]);
    expect(hits[0]!.snippet).toContain('adgangskort');
    expect((await searchPages(t.db.database, 'IT-opstart', 10)).map((h) => h.id)).toContain(id);
    // Only the current revision counts.
    await updatePage(t.db.database, id, await formFor(id, { body: 'Første dag: hent dit nøglekort.' }), editor);
    expect(await searchPages(t.db.database, 'adgangskort', 10)).toEqual([]);
    expect((await searchPages(t.db.database, 'nøglekort', 10)).map((h) => h.id)).toEqual([id]);
    // Input that is query syntax elsewhere is just words here.
    for (const q of ['"', 'e-mail', 'NEAR(a b)', "'; drop table pages; --", '*'])
      await expect(searchPages(t.db.database, q, 5)).resolves.toBeDefined();
    await archivePage(t.db.database, id, editor);
    expect(await searchPages(t.db.database, 'nøglekort', 10)).toEqual([]);
  });

  it('keeps the audit chain whole', async () => {
    expect((await verifyAuditChain(t.db.database)).ok).toBe(true);
  });
});
