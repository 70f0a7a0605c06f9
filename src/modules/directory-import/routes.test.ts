import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { fixture, previewFiles } from './directory-import.fixtures.ts';

const csv = (f: { name: string; bytes: Uint8Array }) => ({
  field: 'files',
  name: f.name,
  type: 'text/csv',
  content: Buffer.from(f.bytes),
});

describe.each(DIALECTS)('/admin/import (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it('is refused to everyone but administrators, on every route', async () => {
    const { id } = await previewFiles(t.db.database, [fixture('samspil-enheder.csv')]);
    for (const username of ['medarbejder', 'sagsbehandler', 'journal', 'sekretariat']) {
      const cookie = await t.signIn(username);
      expect((await t.get('/admin/import', { cookie })).status, username).toBe(403);
      expect((await t.get(`/admin/import/${id}`, { cookie })).status, username).toBe(403);
      expect(
        (await t.upload('/admin/import', { format: 'auto' }, [csv(fixture('samspil-enheder.csv'))], { cookie })).status,
      ).toBe(403);
      for (const sub of ['application', 'deletion', 'copy'])
        expect((await t.post(`/admin/import/${id}/${sub}`, {}, { cookie })).status, `${username} ${sub}`).toBe(403);
    }
    expect(
      await t.db.database.db.selectFrom('directory_imports').select('status').where('id', '=', id).executeTakeFirst(),
    ).toEqual({
      status: 'planned',
    });
    const home = await (await t.get('/admin', { cookie: admin })).text();
    expect(home).toContain('href="/admin/import"');
  });

  it('uploads, previews, imports and reports; the list shows it', async () => {
    const res = await t.upload(
      '/admin/import',
      { format: 'samspil' },
      [csv(fixture('samspil-enheder.csv')), csv(fixture('samspil-personer.csv'))],
      { cookie: admin },
    );
    expect(res.status).toBe(303);
    const at = res.headers.get('location')!;
    expect(at).toMatch(/^\/admin\/import\/\d+$/);
    const preview = await (await t.get(at, { cookie: admin })).text();
    expect(preview).toContain('Forhåndsvisning af import');
    expect(preview).toContain('Nye enheder (4)');
    expect(preview).toContain('Nye personer (3)');
    expect(preview).toContain('Lund, Sara');
    expect(preview).toContain(`action="${at}/application"`);
    // Nothing is imported before it is confirmed.
    expect(
      await t.db.database.db.selectFrom('users').select('id').where('username', '=', 'sara.lund').execute(),
    ).toEqual([]);

    const applied = await t.post(`${at}/application`, {}, { cookie: admin });
    expect(applied.status).toBe(303);
    const report = await (await t.get(at, { cookie: withCookies(admin, applied) })).text();
    expect(report).toContain('Importen er gennemført.');
    expect(report).toContain('Importeret');
    expect(report).not.toContain(`action="${at}/application"`);
    expect(
      await t.db.database.db
        .selectFrom('users')
        .select('org_unit_id')
        .where('username', '=', 'sara.lund')
        .executeTakeFirst(),
    ).toBeTruthy();
    const list = await (await t.get('/admin/import', { cookie: admin })).text();
    expect(list).toContain(`href="${at}"`);
    expect(list).toContain('samspil-enheder.csv, samspil-personer.csv');
    // Applying again does nothing more.
    await t.post(`${at}/application`, {}, { cookie: admin });
    const entries = await t.db.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'directory.import')
      .execute();
    expect(entries).toHaveLength(1);
  });

  it('shows bad rows with their lines and offers no import; a discarded preview stays discarded', async () => {
    const bad = {
      name: 'personer.csv',
      bytes: new Uint8Array(iconv.encode('person_id;brugernavn;navn\n7;Ærlig Søren;Søren\n8;bo;\n', 'win1252')),
    };
    const res = await t.upload('/admin/import', { format: 'auto' }, [csv(bad)], { cookie: admin });
    const at = res.headers.get('location')!;
    const html = await (await t.get(at, { cookie: admin })).text();
    expect(html).toContain('Fejl i filerne (2)');
    expect(html).toContain('Ugyldigt brugernavn «ærlig søren»');
    expect(html).toContain('Mangler navn');
    expect(html).not.toContain(`action="${at}/application"`);
    expect((await t.post(`${at}/application`, {}, { cookie: admin })).status).toBe(303);
    expect(await t.db.database.db.selectFrom('users').select('id').where('username', '=', 'bo').execute()).toEqual([]);
    expect((await t.post(`${at}/deletion`, {}, { cookie: admin })).status).toBe(303);
    expect(await (await t.get(at, { cookie: admin })).text()).toContain('Importen er kasseret');
  });

  it('re-renders the form with a message for no file, an unknown format and a file of the wrong family', async () => {
    const none = await t.upload('/admin/import', { format: 'auto', deactivateMissing: '1' }, [], { cookie: admin });
    expect(none.status).toBe(422);
    const noneHtml = await none.text();
    expect(noneHtml).toContain('Vælg mindst én CSV-fil');
    expect(noneHtml).toMatch(/id="import-deactivate"[^>]*checked/);
    const odd = await t.upload(
      '/admin/import',
      { format: 'auto' },
      [csv({ name: 'x.csv', bytes: new Uint8Array(Buffer.from('a;b\n1;2\n')) })],
      {
        cookie: admin,
      },
    );
    expect(odd.status).toBe(422);
    expect(await odd.text()).toContain('x.csv: overskriftsrækken passer ikke');
    const wrong = await t.upload('/admin/import', { format: 'os2mo' }, [csv(fixture('samspil-enheder.csv'))], {
      cookie: admin,
    });
    expect(wrong.status).toBe(422);
  });

  it('refuses a preview when the data changed, and makes a new preview of the same files', async () => {
    const res = await t.upload('/admin/import', { format: 'auto' }, [csv(fixture('samspil-personer.csv'))], {
      cookie: admin,
    });
    const at = res.headers.get('location')!;
    // Nothing changes yet (imported above), so change Sara by hand.
    await t.db.database.db
      .updateTable('users')
      .set({ title: 'Håndrettet' })
      .where('username', '=', 'sara.lund')
      .execute();
    const refused = await t.post(`${at}/application`, {}, { cookie: admin });
    const html = await (await t.get(at, { cookie: withCookies(admin, refused) })).text();
    expect(html).toContain('Data er ændret siden forhåndsvisningen');
    expect(html).toContain(`action="${at}/copy"`);
    expect(
      (
        await t.db.database.db
          .selectFrom('users')
          .select('title')
          .where('username', '=', 'sara.lund')
          .executeTakeFirstOrThrow()
      ).title,
    ).toBe('Håndrettet');
    const copy = await t.post(`${at}/copy`, {}, { cookie: admin });
    const next = copy.headers.get('location')!;
    expect(next).not.toBe(at);
    const again = await (await t.get(next, { cookie: admin })).text();
    expect(again).toContain('Håndrettet');
    expect((await t.post(`${next}/application`, {}, { cookie: admin })).status).toBe(303);
    expect(
      (
        await t.db.database.db
          .selectFrom('users')
          .select('title')
          .where('username', '=', 'sara.lund')
          .executeTakeFirstOrThrow()
      ).title,
    ).toBe('Pædagog');
  });
});
