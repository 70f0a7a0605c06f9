import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { makeDocx, makePdf } from '../../../test/helpers/files.ts';
import { makePng } from '../documents/documents.fixtures.ts';

const MAX_FILE = 200 * 1024;

describe.each(DIALECTS)('personal files (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let pdf: Buffer;
  let docx: Buffer;
  const db = () => t.db.database.db;
  const idOf = async (username: string) =>
    (await db().selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const filesOf = async (username: string) =>
    db()
      .selectFrom('personal_files')
      .selectAll()
      .where('user_id', '=', await idOf(username))
      .orderBy('id')
      .execute();
  const foldersOf = async (username: string) =>
    db()
      .selectFrom('personal_folders')
      .selectAll()
      .where('user_id', '=', await idOf(username))
      .orderBy('id')
      .execute();
  const audits = async (action: string, username: string) =>
    db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('entity_id', '=', await idOf(username))
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { uploadMaxFileBytes: MAX_FILE } });
    for (const u of ['medarbejder', 'journal']) cookie[u] = await t.signIn(u);
    pdf = await makePdf(['Mødenoter', 'Vi aftalte at mødes igen i januar.']);
    docx = await makeDocx(['Udkast til budgetnotat', 'Budgettet for 2027 hænger sammen.']);
  });
  afterAll(async () => t.cleanup());

  it('uploads one or many files, checks each from its content, and lists them', async () => {
    const empty = await (await t.get('/me/files', { cookie: cookie.medarbejder })).text();
    expect(empty).toContain('Du har ingen filer endnu.');
    expect(empty).toContain('enctype="multipart/form-data"');

    // The browser's word is never trusted: the PDF sent as text/plain is stored as a PDF.
    const res = await t.upload(
      '/me/files',
      { folder: '' },
      [
        { field: 'files', name: 'Mødenoter.pdf', type: 'text/plain', content: pdf },
        { field: 'files', name: 'Budgetnotat.docx', content: docx },
      ],
      { cookie: cookie.medarbejder },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me/files');
    const page = await (await t.get('/me/files', { cookie: withCookies(cookie.medarbejder!, res) })).text();
    expect(page).toContain('2 filer er lagt op.');
    expect(page).toContain('Mødenoter.pdf');
    expect(page).toContain('Budgetnotat.docx');
    expect(page).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    const rows = await filesOf('medarbejder');
    expect(rows.map((r) => [r.name, r.mime, Number(r.size)])).toEqual([
      ['Mødenoter.pdf', 'application/pdf', pdf.length],
      ['Budgetnotat.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx.length],
    ]);
    const entry = (await audits('files.upload', 'medarbejder')).pop()!;
    expect(JSON.parse(entry.details!)).toMatchObject({ count: 2, name: 'Mødenoter.pdf, Budgetnotat.docx' });
  });

  it('refuses files of the wrong type, that lie about their type or are too large, and stores none of them', async () => {
    const before = (await filesOf('medarbejder')).length;
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 1)]);
    const res = await t.upload(
      '/me/files',
      { folder: '' },
      [
        { field: 'files', name: 'program.exe', content: exe },
        { field: 'files', name: 'rapport.docx', content: pdf },
        { field: 'files', name: 'kæmpe.png', content: Buffer.concat([makePng(4, 4), Buffer.alloc(MAX_FILE)]) },
        { field: 'files', name: 'fint.pdf', content: pdf },
      ],
      { cookie: cookie.medarbejder },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="error-summary"');
    expect(html).toContain('program.exe: filtypen er ikke tilladt');
    expect(html).toContain('rapport.docx: indholdet passer ikke til filnavnet');
    expect(html).toContain('kæmpe.png: filen er for stor (højst 200 kB)');
    expect(html).toMatch(/<input id="files"[^>]*aria-invalid="true"/);
    expect((await filesOf('medarbejder')).length).toBe(before);

    const none = await t.upload('/me/files', { folder: '' }, [], { cookie: cookie.medarbejder });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Vælg mindst én fil');
  });

  it('creates, renames and deletes folders; names are unique per place, ignoring case', async () => {
    const made = await t.post('/me/folders', { name: 'Mødenoter', parent: '' }, { cookie: cookie.medarbejder });
    expect(made.status).toBe(303);
    const folder = (await foldersOf('medarbejder')).find((f) => f.name === 'Mødenoter')!;
    expect(folder.parent_id).toBeNull();

    const dup = await t.post('/me/folders', { name: 'mødenoter', parent: '' }, { cookie: cookie.medarbejder });
    expect(dup.status).toBe(422);
    const dupHtml = await dup.text();
    expect(dupHtml).toContain(
      '<a href="#folder-name" class="font-semibold text-red-800">Der findes allerede en mappe med det navn her</a>',
    );
    expect(dupHtml).toMatch(/id="folder-name"[^>]*value="mødenoter"/);

    const blank = await t.post('/me/folders', { name: '   ', parent: '' }, { cookie: cookie.medarbejder });
    expect(blank.status).toBe(422);
    expect(await blank.text()).toContain('Skriv et navn til mappen');
    const slash = await t.post('/me/folders', { name: 'a/b', parent: '' }, { cookie: cookie.medarbejder });
    expect(slash.status).toBe(422);

    // The same name is fine inside another folder.
    const sub = await t.post(
      '/me/folders',
      { name: 'møder', parent: String(folder.id) },
      { cookie: cookie.medarbejder },
    );
    expect(sub.status).toBe(303);
    expect(sub.headers.get('location')).toBe(`/me/files?folder=${folder.id}`);
    const inner = (await foldersOf('medarbejder')).find((f) => f.parent_id === folder.id)!;
    const folderPage = await (await t.get(`/me/files?folder=${folder.id}`, { cookie: cookie.medarbejder })).text();
    expect(folderPage).toMatch(/<h1 id="page-title" tabindex="-1"[^>]*>Mødenoter<\/h1>/);
    expect(folderPage).toContain(`href="/me/files?folder=${inner.id}"`);

    // Rename; a clash with a sibling is refused with the typed name kept.
    await t.post('/me/folders', { name: 'Kurser', parent: '' }, { cookie: cookie.medarbejder });
    const kurser = (await foldersOf('medarbejder')).find((f) => f.name === 'Kurser')!;
    const clash = await t.post(`/me/folders/${kurser.id}`, { name: 'MØDENOTER' }, { cookie: cookie.medarbejder });
    expect(clash.status).toBe(422);
    const clashHtml = await clash.text();
    expect(clashHtml).toContain(`href="#folder-${kurser.id}-name"`);
    expect(clashHtml).toMatch(new RegExp(`id="folder-${kurser.id}-name"[^>]*value="MØDENOTER"`));
    expect(clashHtml).toMatch(/<details class="w-full sm:w-auto" open="">/);
    const renamed = await t.post(
      `/me/folders/${kurser.id}`,
      { name: 'Kurser og uddannelse' },
      { cookie: cookie.medarbejder },
    );
    expect(renamed.status).toBe(303);
    expect((await foldersOf('medarbejder')).find((f) => f.id === kurser.id)!.name).toBe('Kurser og uddannelse');

    // Only an empty folder can be deleted.
    const notEmpty = await t.post(`/me/folders/${folder.id}/deletion`, {}, { cookie: cookie.medarbejder });
    expect(notEmpty.status).toBe(422);
    expect(await notEmpty.text()).toContain('Mappen er ikke tom');
    expect((await t.post(`/me/folders/${inner.id}/deletion`, {}, { cookie: cookie.medarbejder })).status).toBe(303);
    expect((await t.post(`/me/folders/${kurser.id}/deletion`, {}, { cookie: cookie.medarbejder })).status).toBe(303);
    expect((await foldersOf('medarbejder')).map((f) => f.name)).toEqual(['Mødenoter']);
    expect((await audits('files.folderCreate', 'medarbejder')).length).toBe(3);
    expect((await audits('files.folderRename', 'medarbejder')).length).toBe(1);
    expect((await audits('files.folderDelete', 'medarbejder')).length).toBe(2);
  });

  it('uploads into a folder, renames (keeping the extension), moves and deletes files', async () => {
    const folder = (await foldersOf('medarbejder')).find((f) => f.name === 'Mødenoter')!;
    const up = await t.upload(
      '/me/files',
      { folder: String(folder.id) },
      [{ field: 'files', name: 'Dagsorden.pdf', content: pdf }],
      { cookie: cookie.medarbejder },
    );
    expect(up.status).toBe(303);
    expect(up.headers.get('location')).toBe(`/me/files?folder=${folder.id}`);
    const file = (await filesOf('medarbejder')).find((f) => f.name === 'Dagsorden.pdf')!;
    expect(file.folder_id).toBe(folder.id);
    expect(await (await t.get(`/me/files?folder=${folder.id}`, { cookie: cookie.medarbejder })).text()).toContain(
      'Dagsorden.pdf',
    );
    expect(await (await t.get('/me/files', { cookie: cookie.medarbejder })).text()).not.toContain('Dagsorden.pdf');

    const renamed = await t.post(
      `/me/files/${file.id}`,
      { name: 'Dagsorden januar', folder: String(folder.id) },
      { cookie: cookie.medarbejder },
    );
    expect(renamed.status).toBe(303);
    expect((await filesOf('medarbejder')).find((f) => f.id === file.id)!.name).toBe('Dagsorden januar.pdf');

    const blank = await t.post(
      `/me/files/${file.id}`,
      { name: '  ', folder: String(folder.id) },
      { cookie: cookie.medarbejder },
    );
    expect(blank.status).toBe(422);
    const blankHtml = await blank.text();
    expect(blankHtml).toContain(
      `<a href="#file-${file.id}-name" class="font-semibold text-red-800">Skriv et filnavn</a>`,
    );

    const moved = await t.post(
      `/me/files/${file.id}`,
      { name: 'Dagsorden januar.pdf', folder: '' },
      { cookie: cookie.medarbejder },
    );
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe('/me/files');
    expect((await filesOf('medarbejder')).find((f) => f.id === file.id)!.folder_id).toBeNull();
    expect((await audits('files.move', 'medarbejder')).length).toBe(1);
    expect((await audits('files.rename', 'medarbejder')).length).toBe(1);

    const deleted = await t.post(`/me/files/${file.id}/deletion`, {}, { cookie: cookie.medarbejder });
    expect(deleted.status).toBe(303);
    expect((await filesOf('medarbejder')).some((f) => f.id === file.id)).toBe(false);
    const entry = (await audits('files.delete', 'medarbejder')).pop()!;
    expect(JSON.parse(entry.details!).name).toBe('Dagsorden januar.pdf');
  });

  it('downloads with safe headers: attachment by default, PDFs and images inline only on request', async () => {
    const [notes, budget] = await filesOf('medarbejder');
    const res = await t.get(`/me/files/${notes!.id}`, { cookie: cookie.medarbejder });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Moedenoter.pdf"; filename*=UTF-8''M%C3%B8denoter.pdf`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);

    const inline = await t.get(`/me/files/${notes!.id}?inline=1`, { cookie: cookie.medarbejder });
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(inline.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    // A Word file is never shown inline.
    const word = await t.get(`/me/files/${budget!.id}?inline=1`, { cookie: cookie.medarbejder });
    expect(word.headers.get('content-disposition')).toBe('attachment; filename="Budgetnotat.docx"');
  });

  it("answers 404 for another user's files and folders on every route, and changes nothing", async () => {
    const [file] = await filesOf('medarbejder');
    const [folder] = await foldersOf('medarbejder');
    await t.post('/me/folders', { name: 'Journalens mappe', parent: '' }, { cookie: cookie.journal });
    const own = (await foldersOf('journal')).find((f) => f.name === 'Journalens mappe')!;
    await t.upload('/me/files', { folder: '' }, [{ field: 'files', name: 'journal.pdf', content: pdf }], {
      cookie: cookie.journal,
    });
    const ownFile = (await filesOf('journal')).find((f) => f.name === 'journal.pdf')!;
    const as = { cookie: cookie.journal };
    const attempts: Array<[string, Promise<Response>]> = [
      ['download', t.get(`/me/files/${file!.id}`, as)],
      ['download inline', t.get(`/me/files/${file!.id}?inline=1`, as)],
      ['open folder', t.get(`/me/files?folder=${folder!.id}`, as)],
      ['rename file', t.post(`/me/files/${file!.id}`, { name: 'stjålet.pdf', folder: '' }, as)],
      ['delete file', t.post(`/me/files/${file!.id}/deletion`, {}, as)],
      ['rename folder', t.post(`/me/folders/${folder!.id}`, { name: 'Overtaget' }, as)],
      ['delete folder', t.post(`/me/folders/${folder!.id}/deletion`, {}, as)],
      ['create in folder', t.post('/me/folders', { name: 'Indbrud', parent: String(folder!.id) }, as)],
      [
        'upload into folder',
        t.upload('/me/files', { folder: String(folder!.id) }, [{ field: 'files', name: 'x.pdf', content: pdf }], as),
      ],
      [
        'move own file into folder',
        t.post(`/me/files/${ownFile.id}`, { name: 'journal.pdf', folder: String(folder!.id) }, as),
      ],
      ['missing file', t.get('/me/files/99999999', as)],
      ['missing folder', t.get('/me/files?folder=99999999', as)],
      ['bad folder', t.get('/me/files?folder=abc', as)],
    ];
    for (const [what, response] of attempts) expect((await response).status, what).toBe(404);
    // Nothing changed, and the owner's names never appear on the other user's pages.
    expect((await filesOf('medarbejder')).find((f) => f.id === file!.id)).toMatchObject({
      name: file!.name,
      folder_id: file!.folder_id,
    });
    expect((await foldersOf('medarbejder')).find((f) => f.id === folder!.id)!.name).toBe(folder!.name);
    expect((await filesOf('journal')).find((f) => f.id === ownFile.id)!.folder_id).toBeNull();
    expect((await foldersOf('journal')).map((f) => f.name)).toEqual(['Journalens mappe']);
    const theirs = await (await t.get('/me/files', as)).text();
    expect(theirs).toContain('journal.pdf');
    expect(theirs).not.toContain(file!.name);
    expect(theirs).not.toContain(folder!.name);
    expect(own.user_id).toBe(await idOf('journal'));
    // Signed out: the sign-in page, not the file.
    const anonymous = await t.get(`/me/files/${file!.id}`);
    expect(anonymous.status).not.toBe(200);
  });
});
