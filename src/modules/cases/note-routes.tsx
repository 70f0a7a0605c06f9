import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { setFlash } from '../../http/flash.ts';
import { requireCase } from './access.ts';
import type { CasePageRenderer } from './case-page.ts';
import { addNote } from './notes.ts';
import { actorOf } from '../../http/forms.ts';

/** A case's notes. */
export function noteRoutes(database: Database, casePage: CasePageRenderer) {
  const app = new Hono<AppEnv>();

  app.post('/:id{[0-9]+}/notes', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    const body = await c.req.parseBody();
    const text = typeof body.body === 'string' ? body.body.slice(0, 25_000) : '';
    const result = await addNote(database, loaded.row, text, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok)
      return casePage(c, loaded, { forms: { note: { body: text, error: c.get('t')(result.error) } }, status: 422 });
    setFlash(c, { kind: 'success', key: 'notes.added' });
    return c.redirect(`/cases/${loaded.row.id}#notes`, 303);
  });

  return app;
}
