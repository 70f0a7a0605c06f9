import { Hono } from 'hono';
import {
  CaseListPage,
  CaseResults,
  DeadlinesPage,
  NearPage,
  RecentPage,
  type ListFilter,
} from '../../../views/cases/CaseList.tsx';
import { CaseSearchPage, CaseSearchResults, type CaseSearchState } from '../../../views/cases/CaseSearch.tsx';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import type { Database } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import type { CaseStatus, CaseType } from '../../db/schema.ts';
import type { AppEnv } from '../../http/env.ts';
import { render } from '../../http/render.tsx';
import { copenhagenDate, formatNumber } from '../../i18n/index.ts';
import { unitTree } from '../org/index.ts';
import { parsePoint } from './geo.ts';
import { searchCases } from './search.ts';
import { CASE_TYPES, casesNear, listCases, recentlyViewed, upcomingDeadlines, type CaseSort } from './service.ts';
import { requireRole } from './route-helpers.ts';

/** The lists of cases: mine, my unit's, all; search; deadlines; recently viewed; near a point. */
export function caseListRoutes(database: Database) {
  const app = new Hono<AppEnv>();

  // --- Lists ---------------------------------------------------------------------------------
  app.get('/', async (c) => {
    const user = requireRole(c, 'cases.view');
    const q = c.req.query();
    const view = (['mine', 'unit', 'all'] as const).find((x) => x === q.view) ?? 'mine';
    const sort = (['updated', 'number', 'title'] as const).find((x) => x === q.sort) ?? 'updated';
    const status = (['open', 'closed', 'archived'] as const).find((x) => x === q.status) ?? '';
    const type = CASE_TYPES.find((x) => x === q.type) ?? '';
    const kle = (q.kle ?? '').trim().slice(0, 20);
    const confidential = q.confidential === '1' ? '1' : '';
    let after: { value: string; id: number } | null = null;
    if (q.after) {
      const i = q.after.lastIndexOf('|');
      const id = toId(q.after.slice(i + 1));
      if (i > 0 && id) after = { value: q.after.slice(0, i), id };
    }
    const filter: ListFilter = { view, status, type, kle, confidential, sort };
    const { items, next } = await listCases(database, user, {
      view,
      status: status as CaseStatus | '',
      type: type as CaseType | '',
      kle,
      confidentialOnly: confidential === '1',
      sort: sort as CaseSort,
      after,
    });
    const nextParam = next ? `${next.value}|${next.id}` : null;
    return render(c, {
      title: (v) => v.t(`cases.view.${view}`),
      body: (v) => <CaseListPage v={v} items={items} next={nextParam} filter={filter} />,
      fragment: (v) => (
        <>
          <CaseResults v={v} items={items} next={nextParam} filter={filter} />
          <LiveAnnouncement text={v.t('cases.count', { count: formatNumber(items.length, v.locale) })} />
        </>
      ),
    });
  });

  app.get('/search', async (c) => {
    const user = requireRole(c, 'cases.view');
    const q = c.req.query();
    const t = c.get('t');
    const filters: {
      type: CaseType | '';
      status: CaseStatus | '';
      kle: string;
      unitId: string;
      from: string;
      to: string;
    } = {
      type: CASE_TYPES.find((x) => x === q.type) ?? '',
      status: (['open', 'closed', 'archived'] as const).find((x) => x === q.status) ?? '',
      kle: (q.kle ?? '').trim().slice(0, 20),
      unitId: toId(q.unitId) ? q.unitId!.trim() : '',
      from: (q.from ?? '').trim(),
      to: (q.to ?? '').trim(),
    };
    const errors: FieldErrors = {};
    if (filters.from && !/^\d{4}-\d{2}-\d{2}$/.test(filters.from)) errors.from = t('search.dateInvalid');
    if (filters.to && !/^\d{4}-\d{2}-\d{2}$/.test(filters.to)) errors.to = t('search.dateInvalid');
    const text = (q.q ?? '').trim().slice(0, 200);
    const searched = !!text && !Object.keys(errors).length;
    const result = searched
      ? await searchCases(
          database,
          { ...user, name: user.displayName },
          text,
          { ...filters, unitId: toId(filters.unitId) },
          { ip: c.get('clientIp')(), limit: 20 },
        )
      : { hits: [], more: false, cprLookup: false };
    const state: CaseSearchState = { q: text, filters, errors, searched, ...result };
    const units = await unitTree(database);
    return render(c, {
      title: (v) => (text ? `${v.t('search.cases.title')}: ${text}` : v.t('search.cases.title')),
      status: Object.keys(errors).length ? 422 : 200,
      body: (v) => <CaseSearchPage v={v} s={state} units={units} />,
      fragment: (v) => <CaseSearchResults v={v} s={state} />,
    });
  });

  app.get('/deadlines', async (c) => {
    const user = requireRole(c, 'cases.view');
    const scope = c.req.query('scope') === 'unit' ? 'unit' : 'mine';
    const items = await upcomingDeadlines(database, user, { scope, today: copenhagenDate(new Date()) });
    return render(c, {
      title: (v) => v.t('cases.view.deadlines'),
      body: (v) => <DeadlinesPage v={v} items={items} scope={scope} />,
    });
  });

  app.get('/recent', async (c) => {
    const user = requireRole(c, 'cases.view');
    const items = await recentlyViewed(database, user);
    return render(c, { title: (v) => v.t('cases.view.recent'), body: (v) => <RecentPage v={v} items={items} /> });
  });

  app.get('/near', async (c) => {
    const user = requireRole(c, 'cases.view');
    const point = (c.req.query('point') ?? '').trim().slice(0, 100);
    const radius = (c.req.query('radius') ?? '1000').trim().slice(0, 10);
    let items: Awaited<ReturnType<typeof casesNear>> | null = null;
    let error: string | undefined;
    if (point) {
      const p = parsePoint(point);
      const metres = Number(radius);
      if (!p.ok || !Number.isFinite(metres) || metres <= 0 || metres > 50_000) error = c.get('t')('cases.error.near');
      else items = await casesNear(database, user, p.centre, metres);
    }
    return render(c, {
      title: (v) => v.t('cases.view.near'),
      status: error ? 422 : 200,
      body: (v) => <NearPage v={v} point={point} radius={radius} error={error} items={items} />,
    });
  });

  return app;
}
