import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { setFlash } from '../../http/flash.ts';
import { requireCase } from './access.ts';
import type { CasePageRenderer } from './case-page.ts';
import type { CaseCloseCheck } from './close-check.ts';
import { changeStatus, type StatusChange } from './service.ts';
import { actorOf } from '../../http/forms.ts';

/**
 * A case's status: closing (refused with the list of what is missing while the case is not ready:
 * close-check.ts, with the checks src/app.tsx hands in), reopening (with a reason) and archiving.
 */
export function caseStatusRoutes(
  database: Database,
  casePage: CasePageRenderer,
  closeChecks: readonly CaseCloseCheck[] = [],
) {
  const app = new Hono<AppEnv>();

  app.post('/:id{[0-9]+}/status', async (c) => {
    const user = c.get('user')!;
    const body = await c.req.parseBody();
    const change = (['close', 'reopen', 'archive'] as const).find((x) => x === body.change);
    const action = change === 'reopen' ? 'case.reopen' : change === 'archive' ? 'case.archive' : 'case.edit';
    const loaded = await requireCase(database, user, c.req.param('id'), action);
    if (!change) return c.redirect(`/cases/${loaded.row.id}`, 303);
    const reason = typeof body.reason === 'string' ? body.reason.slice(0, 2000) : '';
    const result = await changeStatus(database, loaded.row, change as StatusChange, actorOf(user), {
      reason,
      ip: c.get('clientIp')(),
      checks: closeChecks,
    });
    if (!result.ok) {
      const t = c.get('t');
      const problems = (result.problems ?? []).map((p) => ({ text: t(p.key, p.params), href: p.href }));
      return casePage(c, loaded, {
        forms: { status: { reason: change === 'reopen' ? reason : '', error: t(result.error), problems } },
        status: 422,
      });
    }
    setFlash(c, {
      kind: 'success',
      key: change === 'close' ? 'cases.closedMsg' : change === 'reopen' ? 'cases.reopenedMsg' : 'cases.archivedMsg',
    });
    return c.redirect(`/cases/${loaded.row.id}`, 303);
  });

  return app;
}
