import { Hono } from 'hono';
import { toId } from '../../db/sql.ts';
import { OrgChartPage, type Highlight } from '../../../views/org/OrgChart.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { render } from '../../http/render.tsx';
import { can } from '../../policy/index.ts';
import { orgChart, personPlacement, unitTree } from './service.ts';

/**
 * The org chart, mounted at /org. One URL, zoom and highlight in the query:
 * - `?unit=<id>` shows that unit with its sub-units and its people (breadcrumbs lead back up);
 * - `?person=<username>` marks where the person sits; without `unit`, their own unit is opened.
 */
export function orgRoutes(database: Database) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    if (!can(c.get('user'), 'people.view')) throw forbidden();
    const unitParam = (c.req.query('unit') ?? '').trim();
    const personParam = (c.req.query('person') ?? '').trim().toLowerCase().slice(0, 64);
    let highlight: Highlight | null = null;
    if (personParam) {
      const placed = await personPlacement(database, personParam);
      if (!placed) throw notFound();
      highlight = {
        username: placed.username,
        displayName: placed.displayName,
        unitId: placed.unitId,
        unitPath: placed.unitPath,
      };
    }
    let unitId: number | null = null;
    if (unitParam) {
      unitId = toId(unitParam);
      if (!unitId) throw notFound();
    } else if (highlight?.unitId) {
      unitId = highlight.unitId;
    }
    const [chart, units] = await Promise.all([orgChart(database, { unitId, depth: 2 }), unitTree(database)]);
    if (!chart) throw notFound();
    return render(c, {
      title: (v) => (chart.path.length > 1 ? `${v.t('org.title')}: ${chart.focus.name}` : v.t('org.title')),
      body: (v) => <OrgChartPage v={v} chart={chart} highlight={highlight} units={units} />,
    });
  });

  return app;
}
