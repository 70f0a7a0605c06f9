import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allText } from './helpers/pdf.ts';
import { seedDemo } from '../seeds/index.ts';
import { createTestApp, ORIGIN, type TestApp } from './helpers/app.ts';
import { DIALECTS } from './helpers/db.ts';

/**
 * No page meant for the public ever shows a CPR number (issue 10). The demo municipality is
 * seeded (citizen cases with parties, the local CPR register, access requests, the post list),
 * and every page, API answer and PDF reachable without signing in is fetched by following links
 * from the sign-in page, the public agendas, the post list and the OParl entry point. None may
 * hold any CPR number the database knows, with or without the dash.
 */

const STARTS = ['/login', '/public', '/oparl/v1.1'];
const MAX_URLS = 600;

function linksOf(body: string, type: string): string[] {
  const found: string[] = [];
  if (type.includes('html')) {
    for (const m of body.matchAll(/\s(?:href|src|action|hx-get)="([^"#]+)/g)) found.push(m[1]!.replace(/&amp;/g, '&'));
  } else if (type.includes('json')) {
    for (const m of body.matchAll(/"(https?:\/\/[^"]+|\/[^"]*)"/g)) found.push(m[1]!);
  }
  return found;
}

describe.each(DIALECTS)('public pages (%s)', (dialect) => {
  let t: TestApp;
  let cprs: string[];
  beforeAll(async () => {
    t = await createTestApp(dialect, { seed: false });
    await seedDemo(t.db.database, { scryptCost: 1024, blobs: t.services.blobs });
    const db = t.db.database.db;
    const rows = [
      ...(await db.selectFrom('case_parties').select('cpr').where('cpr', 'is not', null).execute()),
      ...(await db.selectFrom('register_persons').select('cpr').execute()),
      ...(await db
        .selectFrom('access_requests')
        .select('requester_cpr as cpr')
        .where('requester_cpr', 'is not', null)
        .execute()),
    ];
    cprs = [...new Set(rows.map((r) => r.cpr!))];
  }, 180_000);
  afterAll(() => t?.cleanup());

  it('knows CPR numbers to look for', () => {
    expect(cprs.length).toBeGreaterThan(10);
  });

  /** Fetches everything public reachable from `starts`; returns the pages fetched and the leaks found. */
  async function crawl(starts: string[]): Promise<{ visited: number; leaks: string[] }> {
    const base = new URL(ORIGIN);
    const seen = new Set<string>();
    const queue = [...starts];
    const leaks: string[] = [];
    let visited = 0;
    while (queue.length > 0 && visited < MAX_URLS) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await t.get(path);
      visited++;
      if (res.status >= 300 && res.status < 400) {
        const location = res.headers.get('location');
        if (location) queue.push(location);
        continue;
      }
      const type = res.headers.get('content-type') ?? '';
      const bytes = new Uint8Array(await res.arrayBuffer());
      let text: string;
      if (type.includes('pdf')) text = await allText(bytes);
      else if (type.startsWith('text/') || type.includes('json') || type.includes('xml') || type.includes('calendar'))
        text = Buffer.from(bytes).toString('utf8');
      else continue;
      const flat = text.replace(/\s+/g, ' ');
      for (const cpr of cprs) {
        const dashed = `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
        if (flat.includes(cpr) || flat.includes(dashed)) leaks.push(`${path}: ${dashed}`);
      }
      for (const link of linksOf(text, type)) {
        let url: URL;
        try {
          url = new URL(link, `${base.origin}${path}`);
        } catch {
          continue;
        }
        if (url.origin !== base.origin) continue;
        const next = url.pathname + url.search;
        // Only what is public: following a link into the signed-in app would just redirect to /login.
        if (/^\/(login|public|oparl|postliste|static)/.test(url.pathname) && !seen.has(next)) queue.push(next);
      }
    }
    return { visited, leaks };
  }

  it('shows no CPR number on any page, answer or PDF reachable without signing in', async () => {
    const { visited, leaks } = await crawl(STARTS);
    expect(visited).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  }, 300_000);

  it('would notice a CPR number on a public page (the check itself works)', async () => {
    const committee = await t.db.database.db.selectFrom('committees').select(['id', 'name']).executeTakeFirstOrThrow();
    const cpr = cprs[0]!;
    await t.db.database.db
      .updateTable('committees')
      .set({ name: `${committee.name} ${cpr.slice(0, 6)}-${cpr.slice(6)}` })
      .where('id', '=', committee.id)
      .execute();
    try {
      const { leaks } = await crawl(['/public']);
      expect(leaks.length).toBeGreaterThan(0);
    } finally {
      await t.db.database.db
        .updateTable('committees')
        .set({ name: committee.name })
        .where('id', '=', committee.id)
        .execute();
    }
  }, 300_000);
});
