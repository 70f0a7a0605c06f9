import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import type { Role } from '../../policy/index.ts';
import { createUser } from '../users/service.ts';
import { KLE_MAX_BYTES } from './routes.tsx';

/** The KLE admin pages over HTTP, through the whole app (sign-in, CSRF, body limits). */

const fixture = (name: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/kle', name), 'utf8');

describe.each(DIALECTS)('KLE admin pages (%s)', (dialect) => {
  let t: TestApp;
  const cookies = new Map<string, string>();

  async function addUser(username: string, displayName: string, roles: Role[]) {
    const res = await createUser(
      t.db.database,
      {
        username,
        displayName,
        email: '',
        phone: '',
        title: '',
        orgUnitId: '',
        managerUsername: '',
        password: 'en-lang-adgangskode',
        roles,
        isActive: true,
      },
      null,
      { scryptCost: 1024 },
    );
    if (!res.ok) throw new Error(`could not create ${username}`);
    cookies.set(username, await t.signIn(username, 'en-lang-adgangskode'));
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { seed: false });
    await addUser('admin', 'Anne Admin', ['admin', 'employee']);
    await addUser('arkiv', 'Rikke Arkiv', ['records_manager', 'employee']);
    await addUser('ansat', 'Emil Ansat', ['employee']);
  });
  afterAll(async () => t.cleanup());

  const cookieFor = (user: string, lang: string) =>
    [cookies.get(user), `samspil_lang=${lang}`].filter(Boolean).join('; ');
  const get = (url: string, user: string, lang = 'da') => t.get(url, { cookie: cookieFor(user, lang) });
  const upload = (user: string, kind: string | null, file: File | null, lang = 'da') => {
    const form = new FormData();
    if (kind !== null) form.append('kind', kind);
    if (file) form.append('file', file);
    return t.app.request(`${ORIGIN}/admin/kle/imports`, {
      method: 'POST',
      body: form,
      headers: { Origin: ORIGIN, Cookie: cookieFor(user, lang) },
    });
  };
  const xmlFile = (name: string, content = fixture(name)) => new File([content], name, { type: 'application/xml' });

  it('shows the plan in use and the form to administrators, without inline styles or scripts', async () => {
    const res = await get('/admin/kle', 'admin');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1 id="page-title" tabindex="-1"');
    expect(html).toContain('KLE-emneplan');
    expect(html).toContain('Ikke indlæst endnu');
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('<label class="label" for="kle-file">XML-fil fra KL</label>');
    expect(html).toContain('accept=".xml,application/xml,text/xml"');
    expect(html).toContain('<label class="label" for="kle-kind">Hvad indeholder filen?</label>');
    expect(html).toContain('Der er ikke indlæst nogen plan endnu.');
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/i);
  });

  it('lets records managers see the plan and the form, and keeps other employees out', async () => {
    const page = await get('/admin/kle', 'arkiv');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('enctype="multipart/form-data"');
    expect((await get('/admin/kle', 'ansat')).status).toBe(403);
    expect((await upload('ansat', 'subjects', xmlFile('emneplan-v1.xml'))).status).toBe(403);
    expect((await get('/admin/kle', 'nobody')).status).toBe(303);
    expect(await t.db.database.db.selectFrom('kle_subjects').select('number').execute()).toEqual([]);
  });

  it('re-renders the form with status 422 and a clear message for a bad upload', async () => {
    const cases: Array<[string | null, File | null, string]> = [
      ['subjects', null, 'Vælg en XML-fil fra KL'],
      [null, xmlFile('emneplan-v1.xml'), 'Vælg om filen er en emneplan eller handlingsfacetter'],
      ['subjects', new File([], 'tom.xml'), 'Filen er tom'],
      ['subjects', new File(['%PDF-1.7'], 'plan.pdf'), 'Filen er ikke en XML-fil'],
      ['subjects', xmlFile('emneplan-truncated.xml'), 'Filen er ikke gyldig XML (fejl i linje 1, kolonne 1)'],
      ['subjects', xmlFile('handlingsfacetter.xml'), 'Filen indeholder handlingsfacetter, men du valgte emneplan'],
      ['facets', xmlFile('emneplan-v1.xml'), 'Filen indeholder en emneplan, men du valgte handlingsfacetter'],
      [
        'subjects',
        xmlFile('x.xml', '<rss><channel/></rss>'),
        'den begynder med elementet rss, men skulle begynde med KLE-Emneplan',
      ],
      [
        'subjects',
        new File([new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e])], 'bad.xml'),
        'Filens tegn kan ikke læses',
      ],
      [
        'subjects',
        new File([new Uint8Array(KLE_MAX_BYTES + 1)], 'stor.xml'),
        'Filen er for stor. Den må højst fylde 20 MB',
      ],
    ];
    for (const [kind, file, message] of cases) {
      const res = await upload('admin', kind, file);
      expect(res.status, message).toBe(422);
      const html = await res.text();
      expect(html, message).toContain('id="error-summary"');
      expect(html, message).toContain(message);
      expect(html, message).toContain('aria-invalid="true"');
    }
    expect(await t.db.database.db.selectFrom('kle_imports').select('id').execute()).toEqual([]);
  });

  it('speaks English when the reader does', async () => {
    const res = await upload('admin', 'subjects', xmlFile('handlingsfacetter.xml'), 'en');
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('The file contains action facets, but you chose subject plan');
  });

  it('imports a plan, redirects to its report, and shows what changed after a newer plan', async () => {
    const first = await upload('admin', 'subjects', xmlFile('emneplan-v1.xml'));
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toMatch(/^\/admin\/kle\/imports\/\d+$/);
    expect(first.headers.get('set-cookie')).toContain('samspil_flash=');

    const second = await upload('admin', 'subjects', xmlFile('emneplan-v2.xml'));
    expect(second.status).toBe(303);
    const report = await get(second.headers.get('location')!, 'arkiv');
    expect(report.status).toBe(200);
    const html = await report.text();
    expect(html).toContain('Rapport: Emneplan udgivet 1.5.2025');
    expect(html).toContain('Indlæst');
    expect(html).toContain('af Anne Admin. Filen indeholdt 17 numre.');
    expect(html).toContain('Nye numre (1)');
    expect(html).toContain('Internationale netværk (testemne)');
    expect(html).toContain('Nye titler (2)');
    expect(html).toContain('Byggetilladelse og anmeldelse om byggearbejde (BR18) i almindelighed');
    expect(html).toContain('Udgåede numre (1)');
    expect(html).toContain('Mangler i denne plan (1)');
    expect(html).toContain('Opgaver der dækker flere hovedgrupper');
    expect(html).toContain('Uændrede numre: 13');
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/i);

    const english = await (await get(second.headers.get('location')!, 'admin', 'en')).text();
    expect(english).toContain('Report: Subject plan published 01/05/2025');
    expect(english).toContain('Missing from this plan (1)');

    const overview = await (await get('/admin/kle', 'admin')).text();
    expect(overview).toContain('Udgivet 1.5.2025');
    expect(overview).toContain('1 nye, 2 nye titler, 1 udgået, 1 mangler');
  });

  it('answers 404 for an import that does not exist', async () => {
    expect((await get('/admin/kle/imports/999999', 'admin')).status).toBe(404);
    expect((await get('/admin/kle/imports/abc', 'admin')).status).toBe(404);
  });
});
