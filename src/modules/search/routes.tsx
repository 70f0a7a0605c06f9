import { Hono } from 'hono';
import { SearchPage, SearchResultsView, type SearchResults } from '../../../views/search/Search.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbidden } from '../../http/errors.tsx';
import { render } from '../../http/render.tsx';
import { can, type Actor } from '../../policy/index.ts';
import { searchPeople, searchUnits } from '../org/index.ts';
import { searchCases } from '../cases/index.ts';
import { searchNews } from '../news/index.ts';
import { searchPages } from '../pages/index.ts';

/** A kind of hit another module adds (rooms): null when it has nothing for this user and query. */
export type SearchSection = (
  database: Database,
  user: Actor,
  q: string,
) => Promise<NonNullable<SearchResults['extra']>[number] | null>;

/**
 * The global search behind the header's search box: cases and documents (for those with a case
 * role, filtered by case access), people, news, knowledge pages and units, grouped by kind, each
 * kind filtered by the policy; other modules add theirs as sections (rooms: the rooms and posts
 * the user may see).
 */
export function searchRoutes(database: Database, sections: SearchSection[] = []) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const user = c.get('user');
    if (!can(user, 'intranet.view')) throw forbidden();
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const r: SearchResults = { q, people: [], units: [], cases: null, news: [], pages: [] };
    if (q.length === 1) r.error = c.get('t')('search.tooShort');
    else if (q) {
      const u = user!;
      let extra: Array<NonNullable<SearchResults['extra']>[number] | null>;
      [r.people, r.units, r.cases, r.news, r.pages, extra] = await Promise.all([
        searchPeople(database, q, 50),
        searchUnits(database, q, 20),
        can(u, 'cases.view')
          ? searchCases(database, { ...u, name: u.displayName }, q, {}, { limit: 10, ip: c.get('clientIp')() })
          : Promise.resolve(null),
        searchNews(database, q, 5),
        searchPages(database, q, 5),
        Promise.all(sections.map((section) => section(database, u, q))),
      ]);
      r.extra = extra.filter((x) => x !== null);
    }
    return render(c, {
      title: (v) => (q ? `${v.t('search.title')}: ${q}` : v.t('search.title')),
      body: (v) => <SearchPage v={v} r={r} />,
      fragment: (v) => <SearchResultsView v={v} r={r} />,
    });
  });
  return app;
}
