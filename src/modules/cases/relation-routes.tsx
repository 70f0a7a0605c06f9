import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { setFlash } from '../../http/flash.ts';
import { requireCase } from './access.ts';
import type { CasePageRenderer } from './case-page.ts';
import { relateCases } from './service.ts';
import { actorOf } from '../../http/forms.ts';

/** Relations between cases. */
export function relationRoutes(database: Database, casePage: CasePageRenderer) {
  const app = new Hono<AppEnv>();

  app.post('/:id{[0-9]+}/relations', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    const body = await c.req.parseBody();
    const number = typeof body.number === 'string' ? body.number.slice(0, 60) : '';
    const result = await relateCases(database, loaded.row, number, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok)
      return casePage(c, loaded, { forms: { relate: { number, error: c.get('t')(result.error) } }, status: 422 });
    setFlash(c, { kind: 'success', key: 'cases.related.added' });
    return c.redirect(`/cases/${loaded.row.id}#linked`, 303);
  });

  return app;
}
