import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { nowIso } from '../../db/index.ts';
import { buildPublicFixture, OPEN, SECRET_STRINGS, type PublicFixture } from '../../../test/helpers/public-fixture.ts';

// The OParl 1.1 schemas, vendored unchanged (CC BY-SA 4.0): test/fixtures/oparl-1.1.
const SCHEMA_DIR = new URL('../../../test/fixtures/oparl-1.1/schema/', import.meta.url);
const ROOT = 'http://localhost/oparl/v1.1';

// The OParl schemas use a few keywords of their own (references, backreference, cardinality,
// schema) and the format `url`: ignore the keywords, check `url` as an absolute http(s) URL.
// The schemas escape ':' in patterns, which is invalid under the u flag: compile without it.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
addFormats(ajv);
ajv.addFormat('url', (s: string) => {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
});
const validators = new Map<string, ValidateFunction>();
for (const file of fs.readdirSync(SCHEMA_DIR)) {
  const schema = JSON.parse(fs.readFileSync(new URL(file, SCHEMA_DIR), 'utf8'));
  validators.set(schema.title, ajv.compile(schema));
}

type Json = Record<string, unknown>;

/** Validates an OParl object and every object embedded in it against its schema. */
function validate(obj: Json, path = '$'): void {
  const type = String(obj.type ?? '');
  const name = type.replace('https://schema.oparl.org/1.1/', '');
  const validator = validators.get(name);
  expect(validator, `${path}: unknown type ${type}`).toBeTruthy();
  const ok = validator!(obj);
  expect(ok, `${path} (${name}) ${JSON.stringify(validator!.errors)}`).toBe(true);
  for (const [key, value] of Object.entries(obj)) {
    const nested = Array.isArray(value) ? value : [value];
    nested.forEach((v, i) => {
      if (v && typeof v === 'object' && 'type' in v) validate(v as Json, `${path}.${key}[${i}]`);
    });
  }
}

async function body(res: Response): Promise<string> {
  const buf = Buffer.from(await res.arrayBuffer());
  return res.headers.get('content-encoding') === 'gzip' ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
}

describe.each(DIALECTS)('OParl 1.1 (%s)', (dialect) => {
  let t: TestApp;
  let f: PublicFixture;
  /** Every response body fetched, for the leak check. */
  const seen = new Map<string, string>();

  async function get(
    url: string,
    opts: { headers?: Record<string, string> } = {},
  ): Promise<{ res: Response; json: Json; text: string }> {
    const path = url.replace('http://localhost', '');
    const res = await t.get(path, { headers: { 'Accept-Encoding': 'gzip', ...opts.headers } });
    const text = await body(res);
    seen.set(url, text);
    expect(res.headers.get('access-control-allow-origin'), url).toBe('*');
    expect(res.headers.get('content-type'), url).toBe('application/json; charset=utf-8');
    return { res, json: JSON.parse(text) as Json, text };
  }

  /** All objects of an external list, following `next` links. */
  async function all(listUrl: string): Promise<Json[]> {
    const out: Json[] = [];
    let url: string | undefined = listUrl;
    let pages = 0;
    while (url && pages++ < 50) {
      const { res, json } = await get(url);
      expect(res.status, url).toBe(200);
      expect(Array.isArray(json.data)).toBe(true);
      expect(json.pagination).toBeTypeOf('object');
      expect(json.links).toBeTypeOf('object');
      for (const o of json.data as Json[]) validate(o, url);
      out.push(...(json.data as Json[]));
      url = (json.links as Json).next as string | undefined;
    }
    return out;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await buildPublicFixture(t);
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  it('validates with schemas that do reject malformed objects', () => {
    const meeting = validators.get('Meeting')!;
    expect(
      meeting({
        id: `${ROOT}/meeting/1`,
        type: 'https://schema.oparl.org/1.1/Meeting',
        start: '2026-12-10T15:00:00.000Z',
      }),
    ).toBe(true);
    expect(meeting({ id: 'meeting/1', type: 'https://schema.oparl.org/1.1/Meeting' })).toBe(false);
    expect(meeting({ id: `${ROOT}/meeting/1`, type: 'https://schema.oparl.org/1.1/Meeting', start: 'i morgen' })).toBe(
      false,
    );
    expect(
      validators.get('AgendaItem')!({ id: `${ROOT}/agenda-item/1`, type: 'https://schema.oparl.org/1.1/AgendaItem' }),
    ).toBe(false);
  });

  it('has a System and a Body that validate and link every list', async () => {
    const { json: system } = await get(ROOT);
    validate(system);
    expect(system).toMatchObject({ id: ROOT, oparlVersion: 'https://schema.oparl.org/1.1/', body: `${ROOT}/bodies` });
    const bodies = await all(system.body as string);
    expect(bodies).toHaveLength(1);
    const b = bodies[0]!;
    expect(b.name).toBe('Skovlund Kommune');
    const { json: direct } = await get(b.id as string);
    expect(direct).toEqual(b);
    for (const key of [
      'organization',
      'person',
      'meeting',
      'paper',
      'membership',
      'legislativeTermList',
      'locationList',
    ]) {
      expect(typeof b[key], key).toBe('string');
      await all(b[key] as string);
    }
    expect(b.legislativeTerm).toEqual([
      expect.objectContaining({ name: 'Valgperioden 2026–2029', startDate: '2026-01-01' }),
    ]);
  });

  it('publishes meetings from published snapshots only, closed items as number and public: false', async () => {
    const meetings = await all(`${ROOT}/body/1/meetings`);
    const ids = meetings.map((m) => m.id);
    expect(ids).toContain(`${ROOT}/meeting/${f.meetingId}`);
    expect(ids).not.toContain(`${ROOT}/meeting/${f.unpublishedId}`);
    const m = meetings.find((x) => x.id === `${ROOT}/meeting/${f.meetingId}`)!;
    expect(m.organization).toEqual([`${ROOT}/organization/${f.committeeId}`]);
    expect(m.participant).toEqual([`${ROOT}/person/${f.politicianPersonId}`]);
    expect(m.location).toMatchObject({ description: 'Rådhuset', streetAddress: 'Torvet 1', postalCode: '7100' });
    const items = m.agendaItem as Json[];
    expect(items.map((i) => i.number)).toEqual(['1', '2', '3']);
    expect(items[0]).toMatchObject({
      name: OPEN.title,
      public: true,
      order: 1,
      consultation: `${ROOT}/consultation/${f.openItemId}`,
      resolutionText: OPEN.decision,
    });
    expect((items[0]!.auxiliaryFile as Json[]).map((x) => x.id)).toEqual([`${ROOT}/file/${f.openAttachmentId}`]);
    expect(Object.keys(items[1]!).sort()).toEqual(['created', 'id', 'modified', 'number', 'order', 'public', 'type']);
    expect(items[1]).toMatchObject({ number: '2', public: false });
    // The live title changed after publication: the API shows the published one.
    expect(items[2]!.name).toBe(OPEN.addedTitle);

    const { json: closed } = await get(`${ROOT}/agenda-item/${f.closedItemId}`);
    validate(closed);
    expect(closed).toMatchObject({ number: '2', public: false, meeting: `${ROOT}/meeting/${f.meetingId}` });
    expect(closed.name).toBeUndefined();
    const { json: open } = await get(`${ROOT}/agenda-item/${f.openItemId}`);
    validate(open);
    expect(open.name).toBe(OPEN.title);

    const cancelled = meetings.find((x) => x.id === `${ROOT}/meeting/${f.cancelledId}`)!;
    expect(cancelled.cancelled).toBe(true);
  });

  it('shows a deleted meeting as deleted, with nothing but id, type, created and modified', async () => {
    const { res, json } = await get(`${ROOT}/meeting/${f.deletedId}`);
    expect(res.status).toBe(200);
    validate(json);
    expect(Object.keys(json).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type']);
    expect(json.deleted).toBe(true);
    const meetings = await all(`${ROOT}/body/1/meetings`);
    expect(meetings.find((m) => m.id === `${ROOT}/meeting/${f.deletedId}`)).toMatchObject({ deleted: true });
    expect((await get(`${ROOT}/meeting/${f.unpublishedId}`)).res.status).toBe(404);
  });

  it('shows papers with consultations of open items only, and files whose URLs serve them', async () => {
    const papers = await all(`${ROOT}/body/1/papers`);
    expect(papers.map((p) => p.id)).toEqual([`${ROOT}/paper/${f.openPaperId}`]);
    expect(papers[0]).toMatchObject({ name: OPEN.paper, reference: 'EMN-2026-000901' });
    expect((papers[0]!.consultation as Json[]).map((c) => c.agendaItem)).toEqual([
      `${ROOT}/agenda-item/${f.openItemId}`,
    ]);
    expect((await get(`${ROOT}/paper/${f.closedPaperId}`)).res.status).toBe(404);
    const { json: consultation } = await get(`${ROOT}/consultation/${f.openItemId}`);
    validate(consultation);
    expect(consultation.paper).toBe(`${ROOT}/paper/${f.openPaperId}`);
    expect((await get(`${ROOT}/consultation/${f.closedItemId}`)).res.status).toBe(404);

    const { json: file } = await get(`${ROOT}/file/${f.openAttachmentId}`);
    validate(file);
    expect(file).toMatchObject({ name: OPEN.attachment, mimeType: 'application/pdf', fileName: 'kort-aavej.pdf' });
    const download = await t.get(String(file.downloadUrl).replace('http://localhost', ''));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    for (const id of [f.closedAttachmentId, f.closedItemAttachmentId]) {
      const { res, text } = await get(`${ROOT}/file/${id}`);
      expect(res.status).toBe(404);
      for (const s of SECRET_STRINGS) expect(text).not.toContain(s);
    }
  });

  it('shows committees, people (contact details for council members only) and memberships', async () => {
    const orgs = await all(`${ROOT}/body/1/organizations`);
    const tmu = orgs.find((o) => o.id === `${ROOT}/organization/${f.committeeId}`)!;
    expect(tmu).toMatchObject({
      name: 'Udvalget for Teknik og Miljø',
      classification: 'Stående udvalg',
      organizationType: 'Gremium',
    });
    expect(tmu.membership).toHaveLength(3);
    const orgMeetings = await all(tmu.meeting as string);
    expect(orgMeetings.map((m) => m.id)).toContain(`${ROOT}/meeting/${f.meetingId}`);

    const people = await all(`${ROOT}/body/1/people`);
    const politician = people.find((p) => p.id === `${ROOT}/person/${f.politicianPersonId}`)!;
    expect(politician.email).toEqual(['jorgen@skovlund.dk']);
    expect((politician.membership as Json[]).length).toBe(2);
    const citizen = people.find((p) => p.id === `${ROOT}/person/${f.citizenPersonId}`)!;
    expect(citizen.name).toBe('Birthe Mølgaard');
    expect(citizen.email).toBeUndefined();
    expect(JSON.stringify(people)).not.toContain('birthe.privat@example.org');

    const memberships = await all(`${ROOT}/body/1/memberships`);
    expect(memberships.length).toBe(5);
    const { json: one } = await get(memberships[0]!.id as string);
    expect(one).toEqual(memberships[0]);
  });

  it('pages lists with limit, keeps filters in the links and filters by created and modified', async () => {
    const { json: first } = await get(`${ROOT}/body/1/people?limit=1&modified_since=2000-01-01T00:00:00%2B01:00`);
    expect(first.pagination).toEqual({ totalElements: 3, elementsPerPage: 1, currentPage: 1, totalPages: 3 });
    const links = first.links as Json;
    expect(links.next).toBe(`${ROOT}/body/1/people?modified_since=2000-01-01T00%3A00%3A00%2B01%3A00&limit=1&page=2`);
    expect(links.prev).toBeUndefined();
    const { json: second } = await get(links.next as string);
    expect(second.pagination).toMatchObject({ currentPage: 2 });
    expect((second.links as Json).prev).toBeDefined();
    const everyone = await all(`${ROOT}/body/1/people?limit=1`);
    expect(new Set(everyone.map((p) => p.id)).size).toBe(3);

    const future = encodeURIComponent(new Date(Date.now() + 86400_000).toISOString());
    expect(((await get(`${ROOT}/body/1/meetings?modified_since=${future}`)).json.data as Json[]).length).toBe(0);
    expect(((await get(`${ROOT}/body/1/meetings?created_until=${future}`)).json.data as Json[]).length).toBe(4);
    expect(((await get(`${ROOT}/body/1/organizations?created_since=${future}`)).json.data as Json[]).length).toBe(0);

    const bad = await get(`${ROOT}/body/1/meetings?modified_since=yesterday`);
    expect(bad.res.status).toBe(400);
    expect((await get(`${ROOT}/body/1/meetings?limit=0`)).res.status).toBe(400);
    expect((await get(`${ROOT}/nothing/here`)).res.status).toBe(404);
    const preflight = await t.app.request('http://localhost/oparl/v1.1/body/1/meetings', {
      method: 'OPTIONS',
      headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('marks a deleted person as deleted and moves it into modified_since', async () => {
    const before = new Date().toISOString();
    await t.db.database.db
      .updateTable('council_persons')
      .set({ deleted_at: nowIso() })
      .where('id', '=', f.citizenPersonId)
      .execute();
    const { json } = await get(`${ROOT}/person/${f.citizenPersonId}`);
    validate(json);
    expect(Object.keys(json).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type']);
    const changed = (await get(`${ROOT}/body/1/people?modified_since=${encodeURIComponent(before)}`)).json
      .data as Json[];
    expect(changed.map((p) => p.id)).toEqual([`${ROOT}/person/${f.citizenPersonId}`]);
    await t.db.database.db
      .updateTable('council_persons')
      .set({ deleted_at: null })
      .where('id', '=', f.citizenPersonId)
      .execute();
  });

  it('never shows closed content anywhere: every object reachable from the System, and direct guesses', async () => {
    // Crawl every OParl URL reachable from the entry point.
    const queue = [ROOT];
    const visited = new Set<string>();
    while (queue.length && visited.size < 400) {
      const url = queue.shift()!;
      if (visited.has(url)) continue;
      visited.add(url);
      const { text } = await get(url);
      for (const match of text.matchAll(/"(http:\/\/localhost\/oparl\/v1\.1[^"]*)"/g))
        if (!visited.has(match[1]!)) queue.push(match[1]!);
    }
    expect(visited.size).toBeGreaterThan(20);
    for (const url of [
      `${ROOT}/agenda-item/${f.closedItemId}`,
      `${ROOT}/consultation/${f.closedItemId}`,
      `${ROOT}/paper/${f.closedPaperId}`,
      `${ROOT}/file/${f.closedAttachmentId}`,
      `${ROOT}/file/${f.closedItemAttachmentId}`,
      `${ROOT}/meeting/${f.unpublishedId}`,
    ]) {
      await get(url);
    }
    for (const [url, text] of seen) {
      for (const secret of SECRET_STRINGS) expect(text, `${url} leaks "${secret}"`).not.toContain(secret);
    }
  });
});
