import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../test/helpers/app.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { putSetting } from '../db/settings.ts';
import { BlobStore } from './blobs.ts';
import { DEFAULT_PERSONAL_QUOTA, fileQuotas, MB, PERSONAL_QUOTA_SETTING } from './quotas.ts';

describe.each(DIALECTS)('personal file quota and the settings page (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const db = () => t.db.database.db;
  const filesOf = async (username: string) =>
    db()
      .selectFrom('personal_files')
      .innerJoin('users', 'users.id', 'personal_files.user_id')
      .select(['personal_files.name', 'personal_files.blob_sha256'])
      .where('users.username', '=', username)
      .execute();
  const textFile = (name: string, size: number, fill: string) => ({
    field: 'files',
    name,
    type: 'text/plain',
    content: Buffer.alloc(size, fill),
  });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const u of ['admin', 'medarbejder']) cookie[u] = await t.signIn(u);
  });
  afterAll(async () => t.cleanup());

  it('shows the usage against the quota and refuses an upload that would pass it, storing nothing', async () => {
    const page = await (await t.get('/me/files', { cookie: cookie.medarbejder })).text();
    expect(page).toContain('Du bruger 0 B af 1 GB.');

    await putSetting(t.db.database, PERSONAL_QUOTA_SETTING, '1000');
    const ok = await t.upload('/me/files', { folder: '' }, [textFile('lille.txt', 400, 'a')], {
      cookie: cookie.medarbejder,
    });
    expect(ok.status).toBe(303);
    expect(await (await t.get('/me/files', { cookie: withCookies(cookie.medarbejder!, ok) })).text()).toContain(
      'Du bruger 400 B af 1.000 B.',
    );

    const big = textFile('stor.txt', 700, 'b');
    const refused = await t.upload('/me/files', { folder: '' }, [big, textFile('ekstra.txt', 10, 'c')], {
      cookie: cookie.medarbejder,
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('Der er ikke plads til filerne: du bruger 400 B af dine 1.000 B, og filerne fylder 710 B.');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('id="error-summary"');
    // Nothing of the refused upload is kept: no rows, no bytes on disk.
    expect((await filesOf('medarbejder')).map((f) => f.name)).toEqual(['lille.txt']);
    const sha = BlobStore.hash(big.content);
    expect(t.services.blobs.exists(sha)).toBe(false);
    expect(
      await db().selectFrom('blobs').select('sha256').where('sha256', '=', sha).executeTakeFirst(),
    ).toBeUndefined();

    // In English too.
    const en = await t.upload('/me/files', { folder: '' }, [big], { cookie: `${cookie.medarbejder}; samspil_lang=en` });
    expect(await en.text()).toContain(
      'There is no room for the files: you use 400 B of your 1,000 B, and the files take 700 B.',
    );

    // Exactly filling the quota is allowed.
    expect(
      (await t.upload('/me/files', { folder: '' }, [textFile('rest.txt', 600, 'd')], { cookie: cookie.medarbejder }))
        .status,
    ).toBe(303);
  });

  it('lets an administrator change the quotas, re-rendering bad input with a message', async () => {
    await putSetting(t.db.database, PERSONAL_QUOTA_SETTING, String(DEFAULT_PERSONAL_QUOTA));
    const form = await (await t.get('/admin/settings', { cookie: cookie.admin })).text();
    expect(form).toContain('value="1024"');
    expect(form).toContain('value="5120"');
    expect(await (await t.get('/admin', { cookie: cookie.admin })).text()).toContain('href="/admin/settings"');

    const bad = await t.post('/admin/settings', { personalMb: 'mange', roomMb: '0' }, { cookie: cookie.admin });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Skriv et helt antal megabyte mellem 1 og 10.000.000');
    expect(html).toContain('value="mange"');
    expect(await fileQuotas(t.db.database)).toEqual({ personalBytes: 1024 * MB, roomBytes: 5120 * MB });

    const saved = await t.post('/admin/settings', { personalMb: '2048', roomMb: '10240' }, { cookie: cookie.admin });
    expect(saved.status).toBe(303);
    expect(await fileQuotas(t.db.database)).toEqual({ personalBytes: 2048 * MB, roomBytes: 10240 * MB });
    const entry = await db()
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'settings.update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details!)).toMatchObject({ personalMb: 2048, roomMb: 10240 });
    expect(await (await t.get('/me/files', { cookie: cookie.medarbejder })).text()).toContain('af 2 GB.');

    // Nobody else may.
    expect(
      (await t.post('/admin/settings', { personalMb: '1', roomMb: '1' }, { cookie: cookie.medarbejder })).status,
    ).toBe(403);
    expect((await fileQuotas(t.db.database)).personalBytes).toBe(2048 * MB);
  });
});
