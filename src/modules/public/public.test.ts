import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { pageTexts } from '../../../test/helpers/pdf.ts';
import {
  buildPublicFixture,
  OPEN,
  SECRET_STRINGS,
  SECRETS,
  type PublicFixture,
} from '../../../test/helpers/public-fixture.ts';

async function text(res: Response): Promise<string> {
  const buf = Buffer.from(await res.arrayBuffer());
  return res.headers.get('content-encoding') === 'gzip' ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
}

function expectNoSecrets(body: string, where: string) {
  for (const secret of SECRET_STRINGS) expect(body, `${where} leaks "${secret}"`).not.toContain(secret);
}

describe.each(DIALECTS)('public meeting pages (%s)', (dialect) => {
  let t: TestApp;
  let f: PublicFixture;
  let politician: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await buildPublicFixture(t);
    politician = await t.signIn('politiker');
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  it('gives every public page its own description, in Danish and in English', async () => {
    const description = async (path: string, lang: 'da' | 'en') => {
      const html = await text(await t.get(path, { cookie: `samspil_lang=${lang}` }));
      const all = [...html.matchAll(/<meta name="description" content="([^"]*)"/g)].map((m) => m[1]!);
      expect(all, `${path} (${lang})`).toHaveLength(1);
      return all[0]!.replace(/&#39;/g, "'");
    };
    const pages = [
      '/public/meetings',
      `/public/meetings/${f.meetingId}`,
      `/public/meetings/${f.meetingId}?show=agenda`,
      '/public/committees',
      `/public/committees/${f.committeeId}`,
      '/login',
    ];
    const seen = new Set<string>();
    for (const lang of ['da', 'en'] as const) {
      for (const path of pages) {
        const d = await description(path, lang);
        expect(d.length, `${path} (${lang})`).toBeGreaterThan(50);
        expect(d.length, `${path} (${lang})`).toBeLessThan(300);
        expect(seen.has(d), `${path} (${lang}) repeats another page's description`).toBe(false);
        seen.add(d);
        expectNoSecrets(d, `description of ${path}`);
      }
    }
    expect(await description(`/public/meetings/${f.meetingId}`, 'da')).toMatch(
      /^Referat af mødet i Udvalget for Teknik og Miljø .+ \(Ordinært møde\)/,
    );
    expect(await description(`/public/meetings/${f.meetingId}?show=agenda`, 'en')).toMatch(
      /^Agenda for the meeting of Udvalget for Teknik og Miljø on .+ \(Ordinært møde\)/,
    );
    expect(await description(`/public/committees/${f.committeeId}`, 'da')).toMatch(/^Udvalget for Teknik og Miljø: /);
    expect(await description('/login', 'en')).toContain('Sign in to Samspil');
  });

  it('lists published meetings without sign-in, with committee and year filters', async () => {
    const res = await t.get('/public/meetings');
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html).toContain('Møder, dagsordener og referater');
    expect(html).toContain(`/public/meetings/${f.meetingId}`);
    expect(html).toContain(`/public/meetings/${f.cancelledId}`);
    expect(html).toContain('Aflyst');
    // Never published, or deleted: not listed.
    expect(html).not.toContain(`/public/meetings/${f.unpublishedId}"`);
    expect(html).not.toContain(`/public/meetings/${f.deletedId}"`);
    expectNoSecrets(html, 'meeting list');

    const year = Number(copenhagenDate(new Date()).slice(0, 4));
    const filtered = await text(await t.get(`/public/meetings?committee=${f.councilId}&year=${year}`));
    expect(filtered).not.toContain(`/public/meetings/${f.meetingId}"`);
    expect(filtered).toContain('Der er ingen kommende møder');

    // htmx asks for the list only.
    const fragment = await text(
      await t.get(`/public/meetings?committee=${f.committeeId}`, { headers: { 'HX-Request': 'true' } }),
    );
    expect(fragment).toMatch(/^<div id="meeting-list">/);
    expect(fragment).not.toContain('<html');

    // Nonsense in the query is ignored, not an error.
    expect((await t.get('/public/meetings?committee=abc&year=-1')).status).toBe(200);
  });

  it('shows the minutes of a meeting with open items in full and closed items by number only', async () => {
    const res = await t.get(`/public/meetings/${f.meetingId}`);
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html).toContain(OPEN.title);
    expect(html).toContain('Cykelsti langs Åvej');
    expect(html).toContain(OPEN.presentation);
    expect(html).toContain('Udvalget godkendte indstillingen');
    expect(html).toContain(OPEN.attachment);
    expect(html).toContain('2. Lukket punkt');
    expect(html).toContain('Punktet behandles for lukkede døre');
    expect(html).toContain('Fremmøde');
    expect(html).toContain(OPEN.addedTitle);
    // The history: three versions, the addendum with its note and what changed.
    expect(html).toContain('Punkt 3 er tilføjet.');
    expect(html).toContain('Punkt 3 er tilføjet: Orientering om vejvedligehold');
    expect(html).toContain('Tillægsdagsorden');
    expectNoSecrets(html, 'meeting page');
    expect(html).not.toContain(`/attachments/${f.closedAttachmentId}`);
    expect(html).not.toContain(`/attachments/${f.closedItemAttachmentId}`);
  });

  it('shows the agenda and earlier versions on request, still without closed content', async () => {
    const agenda = await text(await t.get(`/public/meetings/${f.meetingId}?show=agenda`));
    expect(agenda).toContain('Du ser: Dagsorden');
    expectNoSecrets(agenda, 'agenda');
    const v1 = await text(await t.get(`/public/meetings/${f.meetingId}?version=${f.agendaV1Id}`));
    expect(v1).toContain('Du ser version 1 af dagsorden');
    expect(v1).toContain('id="punkt-2"');
    expect(v1).not.toContain('id="punkt-3"');
    expectNoSecrets(v1, 'agenda v1');
    // A version of another meeting, or nonsense, is not found.
    expect((await t.get(`/public/meetings/${f.cancelledId}?version=${f.agendaV1Id}`)).status).toBe(404);
    expect((await t.get(`/public/meetings/${f.meetingId}?version=x`)).status).toBe(404);
  });

  it('shows a signed-in politician the same public page (members read closed items in the reader)', async () => {
    const html = await text(await t.get(`/public/meetings/${f.meetingId}`, { cookie: politician }));
    expect(html).toContain(OPEN.title);
    expectNoSecrets(html, 'public page for a member');
  });

  it('answers 404 for meetings that were never published, were deleted or do not exist', async () => {
    for (const id of [f.unpublishedId, f.deletedId, 999999]) {
      const res = await t.get(`/public/meetings/${id}`);
      expect(res.status).toBe(404);
      expectNoSecrets(await text(res), `404 for ${id}`);
    }
  });

  it('serves open attachments with safe headers, and never closed ones', async () => {
    const res = await t.get(`/public/meetings/${f.meetingId}/attachments/${f.openAttachmentId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="kort-aavej.pdf"');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const download = await t.get(`/public/meetings/${f.meetingId}/attachments/${f.openAttachmentId}?download=1`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    const etag = res.headers.get('etag')!;
    expect(
      (
        await t.get(`/public/meetings/${f.meetingId}/attachments/${f.openAttachmentId}`, {
          headers: { 'If-None-Match': etag },
        })
      ).status,
    ).toBe(304);

    for (const id of [f.closedAttachmentId, f.closedItemAttachmentId]) {
      for (const q of ['', `?version=${f.agendaV1Id}`, `?version=${f.agendaV2Id}`, `?version=${f.minutesId}`]) {
        const closed = await t.get(`/public/meetings/${f.meetingId}/attachments/${id}${q}`);
        expect(closed.status, `attachment ${id}${q}`).toBe(404);
        expectNoSecrets(await text(closed), 'closed attachment');
      }
    }
    // An attachment guessed under another meeting is not found either.
    expect((await t.get(`/public/meetings/${f.cancelledId}/attachments/${f.openAttachmentId}`)).status).toBe(404);
  });

  it('renders the public PDFs (agenda, minutes, with merged attachments) without closed content', async () => {
    for (const q of [
      `?version=${f.agendaV1Id}`,
      `?version=${f.agendaV2Id}`,
      `?version=${f.minutesId}`,
      `?version=${f.minutesId}&merged=1`,
      '?merged=1',
    ]) {
      const res = await t.get(`/public/meetings/${f.meetingId}/pdf${q}`);
      expect(res.status, q).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = new Uint8Array(await res.arrayBuffer());
      const textOfPdf = (await pageTexts(pdf)).join(' ');
      expect(textOfPdf, q).toContain('Cykelsti langs Åvej');
      // The merged variant carries the open attachment's own pages.
      if (q.includes('merged')) expect(textOfPdf, q).toContain('Kort over Åvej');
      const squeezed = textOfPdf.replace(/\s+/g, '');
      for (const secret of SECRET_STRINGS)
        expect(squeezed, `PDF ${q} leaks "${secret}"`).not.toContain(secret.replace(/\s+/g, ''));
      expect(Buffer.from(pdf).toString('latin1')).not.toContain(SECRETS.closedAttachmentFile);
    }
    expect((await t.get(`/public/meetings/${f.unpublishedId}/pdf`)).status).toBe(404);
  });

  it('lists committees and shows one with its members, mandate and meetings', async () => {
    const list = await text(await t.get('/public/committees'));
    expect(list).toContain('Udvalget for Teknik og Miljø');
    expect(list).toContain('Kommunalbestyrelsen');
    const page = await text(await t.get(`/public/committees/${f.committeeId}`));
    expect(page).toContain('Udvalget varetager veje, trafik og miljø.');
    expect(page).toContain('Jørgen Ellehammer');
    expect(page).toContain('Formand');
    expect(page).toContain(`/public/meetings/${f.meetingId}`);
    expect(page).toContain(`/public/committees/${f.committeeId}/calendar.ics`);
    expectNoSecrets(page, 'committee page');
    expect((await t.get('/public/committees/999999')).status).toBe(404);
  });

  it('links the public pages from the sign-in page', async () => {
    const html = await text(await t.get('/login'));
    expect(html).toContain('href="/public/meetings"');
    expect(html).toContain('Politiske dagsordener og referater');
  });

  it('serves an iCalendar feed per committee and for all, with cancelled meetings marked', async () => {
    const res = await t.get(`/public/committees/${f.committeeId}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const ics = await text(res);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen');
    const events = ics.split('BEGIN:VEVENT').slice(1);
    // The approved meeting, the one with minutes awaiting approval, and the cancelled one.
    expect(events).toHaveLength(3);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`UID:meeting-${f.meetingId}@localhost`);
    expect(unfolded).toContain(`URL:http://localhost/public/meetings/${f.meetingId}`);
    expect(unfolded).toMatch(/DTSTART;TZID=Europe\/Copenhagen:\d{8}T\d{6}\r\n/);
    expect(unfolded).toContain('LOCATION:Rådhuset\\, Mødelokale 2\\, Torvet 1\\, 7100 Skovlund');
    const cancelled = events.find((e) => e.includes(`meeting-${f.cancelledId}@`))!;
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(events.find((e) => e.includes(`meeting-${f.meetingId}@`))).toContain('STATUS:CONFIRMED');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expectNoSecrets(unfolded, 'committee calendar');
    expect(unfolded).not.toContain(SECRETS.unpublishedTitle);

    const all = await text(await t.get('/public/meetings/calendar.ics'));
    expect(all.split('BEGIN:VEVENT')).toHaveLength(4);
    expect(all).not.toContain(`meeting-${f.deletedId}@`);
    expectNoSecrets(all.replace(/\r\n /g, ''), 'all calendar');
    expect((await t.get('/public/committees/999999/calendar.ics')).status).toBe(404);
  });

  it('keeps feeds built from an unchecked Host out of shared caches, and builds them from PUBLIC_URL when set', async () => {
    const evil = (path: string) => t.app.request(`http://evil.example${path}`);
    const feeds = [`/public/committees/${f.committeeId}/calendar.ics`, '/public/meetings/calendar.ics'];
    const apis = [
      '/oparl/v1.1',
      '/oparl/v1.1/body/1/meeting',
      `/oparl/v1.1/meeting/${f.meetingId}`,
      '/oparl/v1.1/nope',
    ];

    // Without PUBLIC_URL the links follow the Host header, so only the client may keep them.
    expect(t.config.publicUrl).toBeNull();
    for (const path of feeds) {
      const res = await evil(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('private, max-age=300');
      expect(res.headers.get('cache-control'), path).not.toMatch(/public/);
    }
    for (const path of apis) {
      const res = await evil(path);
      expect(res.headers.get('cache-control'), path).toBe('private, no-cache');
    }

    t.config.publicUrl = 'https://dagsordener.skovlund.dk';
    try {
      for (const path of feeds) {
        const res = await evil(path);
        expect(res.headers.get('cache-control'), path).toBe('public, max-age=300');
        const ics = (await text(res)).replace(/\r\n /g, '');
        expect(ics, path).not.toContain('evil.example');
        expect(ics, path).toContain(`URL:https://dagsordener.skovlund.dk/public/meetings/${f.meetingId}`);
        expect(ics, path).toContain(`UID:meeting-${f.meetingId}@dagsordener.skovlund.dk`);
      }
      for (const path of apis) {
        const res = await evil(path);
        expect(res.headers.get('cache-control'), path).toBe('public, no-cache');
        expect(await text(res), path).not.toContain('evil.example');
      }
      const system = JSON.parse(await text(await evil('/oparl/v1.1')));
      expect(system.id).toBe('https://dagsordener.skovlund.dk/oparl/v1.1');
    } finally {
      t.config.publicUrl = null;
    }
  });
});
