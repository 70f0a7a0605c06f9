import { deflateSync } from 'node:zlib';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { checkLogo } from '../../files/logo.ts';
import { mailTemplateDef, validateMailTemplate } from '../../mail/mail-templates.ts';
import { notify } from '../notifications/service.ts';
import { SETTINGS, settingDefinition } from './settings-registry.ts';

/** A real PNG of the given size (grey pixels), with a text chunk that must not survive. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from('Comment\0secret metadata', 'latin1')),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('the settings registry', () => {
  it('declares each setting once, with a default, a label and where it takes effect', () => {
    const keys = SETTINGS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of SETTINGS) expect(s.label && s.help && s.effect && s.action).toBeTruthy();
    const colour = settingDefinition('municipality.colour')!;
    expect(colour.check('lilla')).toEqual({ ok: true, stored: 'lilla' });
    expect(colour.check('#ff00ff')).toEqual({ ok: false, error: 'settings.error.colour' });
    const name = settingDefinition('municipality.name')!;
    expect(name.check('  Roskilde   Kommune ')).toEqual({ ok: true, stored: 'Roskilde Kommune' });
    expect(name.check('x'.repeat(101))).toMatchObject({ ok: false, error: 'settings.error.nameTooLong' });
  });

  it('reads a PNG chunk by chunk, drops its metadata and refuses anything else', () => {
    const ok = checkLogo(png(40, 20));
    expect(ok).toMatchObject({ ok: true, width: 40, height: 20 });
    if (ok.ok) expect(ok.png.includes(Buffer.from('secret metadata'))).toBe(false);
    expect(checkLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({
      ok: false,
      error: 'branding.logo.error.svg',
    });
    expect(checkLogo(Buffer.from('GIF89a not a png'))).toEqual({ ok: false, error: 'branding.logo.error.notPng' });
    const broken = png(40, 20);
    broken[40] = broken[40]! ^ 0xff;
    expect(checkLogo(broken)).toEqual({ ok: false, error: 'branding.logo.error.broken' });
    expect(checkLogo(png(8, 8))).toMatchObject({ ok: false, error: 'branding.logo.error.size' });
  });

  it('refuses an e-mail template with an unknown merge field, naming the known ones', () => {
    const def = mailTemplateDef('notification')!;
    const res = validateMailTemplate(def, { subject: '{{sag.titel}}', body: 'Hej {{modtager.navn}}' });
    expect(res).toMatchObject({
      ok: false,
      errors: {
        subject: {
          key: 'mailTemplates.error.unknownField',
          params: {
            fields: '{{sag.titel}}',
            known: '{{modtager.navn}}, {{notifikation.tekst}}, {{link}}, {{kommune.navn}}',
          },
        },
      },
    });
  });
});

describe.each(DIALECTS)('settings and e-mail templates (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  let caseworker: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
    caseworker = await t.signIn('sagsbehandler');
  });
  afterAll(async () => t.cleanup());

  const audits = (entityId: string) =>
    t.db.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_id', '=', entityId)
      .orderBy('id')
      .execute();

  it('shows every section with current value, default and where it takes effect, and links what others own', async () => {
    const res = await t.get('/admin/settings', { cookie: admin });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const id of ['municipality', 'calendar', 'files', 'records', 'meetings']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('Standard');
    expect(html).toContain('Ændres på Arkivering');
    expect(html).toContain('href="/admin/records/archive"');
    expect(html).toContain('href="/meetings/settings"');
    expect(html).toContain('href="/meetings/committees"');
    expect(html).toContain('href="/admin/kle"');
    expect(html).toContain('href="/admin/email-templates"');
    expect(html).toContain('90 dage');
  });

  it('saves the name and colour with before and after in the audit log; a bad value is a 422 that keeps what was typed', async () => {
    const bad = await t.post(
      '/admin/settings/municipality',
      { 'municipality.name': 'Egen Kommune', 'municipality.colour': 'neon' },
      { cookie: admin },
    );
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Vælg en af farverne');
    expect(badHtml).toContain('value="Egen Kommune"');
    expect(await audits('municipality.colour')).toHaveLength(0);

    const ok = await t.post(
      '/admin/settings/municipality',
      { 'municipality.name': 'Egen Kommune', 'municipality.colour': 'lilla' },
      { cookie: admin },
    );
    expect(ok.status).toBe(303);
    const [entry] = await audits('municipality.colour');
    expect(entry!.action).toBe('settings.update');
    expect(JSON.parse(entry!.details!)).toMatchObject({ before: null, after: 'lilla' });
    expect(JSON.parse((await audits('municipality.name'))[0]!.details!)).toMatchObject({
      before: null,
      after: 'Egen Kommune',
    });
    const page = await (await t.get('/admin', { cookie: withCookies(admin, ok) })).text();
    expect(page).toContain('<html lang="da" class="brand-lilla"');
    expect(page).toMatch(/<title>[^<]* · Samspil · Egen Kommune<\/title>/);
  });

  it('takes a PNG logo, serves it cached for a year under its hash, shows it with the name as alt text, refuses SVG', async () => {
    const svg = await t.upload('/admin/settings/logo', {}, [
      {
        field: 'logo',
        name: 'logo.svg',
        type: 'image/svg+xml',
        content: Buffer.from('<svg><script>alert(1)</script></svg>'),
      },
    ]);
    // (not signed in: sent to the sign-in page)
    expect(svg.status).not.toBe(200);
    const refused = await t.upload(
      '/admin/settings/logo',
      {},
      [
        {
          field: 'logo',
          name: 'logo.svg',
          type: 'image/svg+xml',
          content: Buffer.from('<svg><script>alert(1)</script></svg>'),
        },
      ],
      { cookie: admin },
    );
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('SVG tages ikke imod');
    const text = await t.upload(
      '/admin/settings/logo',
      {},
      [{ field: 'logo', name: 'logo.png', content: Buffer.from('hello') }],
      {
        cookie: admin,
      },
    );
    expect(text.status).toBe(422);

    const up = await t.upload('/admin/settings/logo', {}, [{ field: 'logo', name: 'logo.png', content: png(64, 32) }], {
      cookie: admin,
    });
    expect(up.status).toBe(303);
    const html = await (await t.get('/', { cookie: admin })).text();
    const src = /<img src="(\/static\/logo\/[0-9a-f]{64}\.png)" alt="Egen Kommune"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const logo = await t.get(src!);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(logo.headers.get('cache-control')).toContain('max-age=31536000');
    expect(logo.headers.get('content-security-policy')).toContain("default-src 'none'");
    const entry = (await audits('municipality.logo'))[0]!;
    expect(JSON.parse(entry.details!)).toMatchObject({ before: null, after: src!.slice(13, 77) });
    expect((await t.post('/admin/settings/logo/deletion', {}, { cookie: admin })).status).toBe(303);
    expect((await t.get(src!)).status).toBe(404);
  });

  it('edits an e-mail template: unknown field refused (422, typed kept), preview with example data, restore', async () => {
    const list = await (await t.get('/admin/email-templates', { cookie: admin })).text();
    for (const id of ['notification', 'digest', 'access-request.answer', 'access-request.extension'])
      expect(list).toContain(`href="/admin/email-templates/${id}/da"`);
    expect(list).toContain('href="/admin/letter-templates"');

    const bad = await t.post(
      '/admin/email-templates/notification/da',
      { subject: 'Nyt: {{sag.titel}}', body: 'Hej {{modtager.navn}}' },
      { cookie: admin },
    );
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Flettefeltet {{sag.titel}} findes ikke. Du kan bruge: {{modtager.navn}}');
    expect(badHtml).toContain('value="Nyt: {{sag.titel}}"');

    const preview = await t.post(
      '/admin/email-templates/notification/da',
      {
        subject: 'Besked: {{notifikation.tekst}}',
        body: 'Kære {{modtager.navn}}\n\nMvh {{kommune.navn}}',
        preview: '1',
      },
      { cookie: admin },
    );
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('Besked: Mette Holm svarede i tråden');
    expect(previewHtml).toContain('Kære Anne Jensen');
    const frame = /<iframe src="([^"]+)"/.exec(previewHtml)![1]!.replace(/&amp;/g, '&');
    const frameRes = await t.get(frame, { cookie: admin });
    expect(frameRes.headers.get('content-security-policy')).toContain('sandbox');
    const mjml = await frameRes.text();
    expect(mjml).toContain('Kære Anne Jensen');
    expect(mjml).toContain('Mvh Egen Kommune');
    // Nothing saved by the preview.
    expect(await audits('notification.da')).toHaveLength(0);

    const saved = await t.post(
      '/admin/email-templates/notification/da',
      { subject: 'Besked: {{notifikation.tekst}}', body: 'Kære {{modtager.navn}}\n\nSe mere her: {{link}}' },
      { cookie: admin },
    );
    expect(saved.status).toBe(303);
    const [entry] = await audits('notification.da');
    expect(JSON.parse(entry!.details!)).toMatchObject({
      before: { subject: '{{notifikation.tekst}}', custom: false },
      after: { subject: 'Besked: {{notifikation.tekst}}' },
    });

    // The mail a notification actually queues uses the edited template.
    const kasper = (
      await t.db.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow()
    ).id;
    await notify(t.db.database, {
      userId: kasper,
      kind: 'deadline.reminder',
      params: { title: 'Svar til ansøger', due: '2026-12-01', number: 'EMN-2026-000001' },
      link: '/cases/1#deadlines',
    });
    const mail = await t.db.database.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_user_id', '=', kasper)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toMatch(/^Besked: Påmindelse: "Svar til ansøger"/);
    expect(mail.text).toContain('Kære Kasper Lindholm');
    expect(mail.text).toContain('Se mere her: http://localhost:3000/cases/1#deadlines');
    expect(mail.html).toContain('Egen Kommune');

    const restored = await t.post('/admin/email-templates/notification/da/deletion', {}, { cookie: admin });
    expect(restored.status).toBe(303);
    const back = await (await t.get('/admin/email-templates/notification/da', { cookie: admin })).text();
    expect(back).toContain('value="{{notifikation.tekst}}"');
    expect((await audits('notification.da')).map((a) => a.action)).toEqual([
      'mailTemplate.update',
      'mailTemplate.restore',
    ]);
  });

  it('answers 403 to anyone but an administrator on every route', async () => {
    const gets = [
      '/admin/settings',
      '/admin/email-templates',
      '/admin/email-templates/notification/da',
      '/admin/email-templates/notification/da/preview',
    ];
    for (const path of gets) expect((await t.get(path, { cookie: caseworker })).status, path).toBe(403);
    const posts = [
      '/admin/settings',
      '/admin/settings/closing-days',
      '/admin/settings/municipality',
      '/admin/settings/logo/deletion',
      '/admin/email-templates/notification/da',
      '/admin/email-templates/notification/da/deletion',
    ];
    for (const path of posts) expect((await t.post(path, {}, { cookie: caseworker })).status, path).toBe(403);
    const upload = await t.upload(
      '/admin/settings/logo',
      {},
      [{ field: 'logo', name: 'l.png', content: png(20, 20) }],
      {
        cookie: caseworker,
      },
    );
    expect(upload.status).toBe(403);
    expect((await t.get('/admin/email-templates/nothing/da', { cookie: admin })).status).toBe(404);
  });
});
