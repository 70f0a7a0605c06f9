import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { setFlash } from '../../http/flash.ts';
import { requireCase } from './access.ts';
import type { CasePageRenderer } from './case-page.ts';
import { addDeadline, completeDeadline, type DeadlineInput } from './deadlines.ts';
import { actorOf, translateErrors as translate } from '../../http/forms.ts';

/** A case's deadlines and their completion. */
export function deadlineRoutes(database: Database, casePage: CasePageRenderer) {
  const app = new Hono<AppEnv>();

  app.post('/:id{[0-9]+}/deadlines', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    const body = await c.req.parseBody();
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, 300) : '');
    const input: DeadlineInput = { title: str('title'), dueOn: str('dueOn'), remindOn: str('remindOn') };
    const result = await addDeadline(database, loaded.row, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok)
      return casePage(c, loaded, {
        forms: { deadline: { input, errors: translate(c.get('t'), result.errors) } },
        status: 422,
      });
    setFlash(c, { kind: 'success', key: 'deadlines.added' });
    return c.redirect(`/cases/${loaded.row.id}#deadlines`, 303);
  });

  app.post('/:id{[0-9]+}/deadlines/:deadlineId{[0-9]+}/completion', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    await completeDeadline(database, loaded.row, Number(c.req.param('deadlineId')), actorOf(user), {
      ip: c.get('clientIp')(),
    });
    setFlash(c, { kind: 'success', key: 'deadlines.completed' });
    return c.redirect(`/cases/${loaded.row.id}#deadlines`, 303);
  });

  return app;
}
