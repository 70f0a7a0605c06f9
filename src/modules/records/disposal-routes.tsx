import { Hono, type Context } from 'hono';
import { DisposalIndex, DisposalListPage, type DisposalListForm } from '../../../views/records/DisposalPage.tsx';
import type { Database } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import type { MessageKey } from '../../i18n/index.ts';
import { can, type Action } from '../../policy/index.ts';
import {
  approveDisposal,
  cancelDisposal,
  disposalCases,
  disposalRuns,
  excludeFromDisposal,
  executeDisposal,
  loadDisposalRun,
  proposeDisposal,
} from './disposal.ts';

function allowed(c: Context<AppEnv>, action: Action): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}

/**
 * /admin/records/disposal: the disposal lists; drawing one up, taking cases off it, approving
 * and executing it (records managers); others with records.view see the lists and the record.
 */
export function disposalRoutes(database: Database, blobs: BlobStore) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    allowed(c, 'records.view');
    const runs = await disposalRuns(database, 50);
    return render(c, { title: (v) => v.t('records.disposal.title'), body: (v) => <DisposalIndex v={v} runs={runs} /> });
  });

  app.post('/', async (c) => {
    const user = allowed(c, 'records.manage');
    const result = await proposeDisposal(database, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      setFlash(c, { kind: 'error', key: result.error });
      return c.redirect('/admin/records/disposal', 303);
    }
    setFlash(c, { kind: 'success', key: 'records.disposal.proposed', params: { count: result.cases } });
    return c.redirect(`/admin/records/disposal/${result.id}`, 303);
  });

  async function listPage(c: Context<AppEnv>, id: number, form: DisposalListForm = {}, status?: 409 | 422) {
    const run = await loadDisposalRun(database, id);
    if (!run) throw notFound();
    const cases = await disposalCases(database, id);
    const showTitles = can(c.get('user'), 'records.manage');
    return render(c, {
      title: (v) => v.t('records.disposal.listTitle', { id }),
      status: status ?? 200,
      body: (v) => <DisposalListPage v={v} run={run} cases={cases} form={form} showTitles={showTitles} />,
    });
  }

  const runId = (c: Context<AppEnv>) => {
    const id = toId(c.req.param('id'));
    if (id === null) throw notFound();
    return id;
  };

  app.get('/:id{[0-9]+}', (c) => {
    allowed(c, 'records.view');
    return listPage(c, runId(c));
  });

  /** A refused step: the list page again, with the reason as its error (409: the list's state forbids it). */
  const refused = (c: Context<AppEnv>, id: number, field: 'disposal-status', key: MessageKey) =>
    listPage(c, id, { errors: { [field]: c.get('t')(key) } }, 409);

  app.post('/:id{[0-9]+}/cases/:caseId{[0-9]+}/exclusion', async (c) => {
    const user = allowed(c, 'records.manage');
    const id = runId(c);
    const caseId = toId(c.req.param('caseId'));
    if (caseId === null) throw notFound();
    const reason = str(await c.req.parseBody(), 'reason', 600);
    const result = await excludeFromDisposal(database, id, caseId, reason, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      if (result.error === 'records.disposal.error.notFound') throw notFound();
      const invalid =
        result.error === 'records.disposal.error.reason' || result.error === 'records.disposal.error.reasonLong';
      return listPage(
        c,
        id,
        { reasons: { [caseId]: reason }, errors: { [`reason-${caseId}`]: c.get('t')(result.error) } },
        invalid ? 422 : 409,
      );
    }
    setFlash(c, { kind: 'success', key: 'records.disposal.excludedMsg' });
    return c.redirect(`/admin/records/disposal/${id}`, 303);
  });

  app.post('/:id{[0-9]+}/approval', async (c) => {
    const user = allowed(c, 'records.manage');
    const id = runId(c);
    const body = await c.req.parseBody();
    if (body.confirm !== '1')
      return listPage(c, id, { errors: { confirm: c.get('t')('records.disposal.error.confirm') } }, 422);
    const result = await approveDisposal(database, id, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      if (result.error === 'records.disposal.error.notFound') throw notFound();
      return refused(c, id, 'disposal-status', result.error);
    }
    setFlash(c, { kind: 'success', key: 'records.disposal.approvedMsg' });
    return c.redirect(`/admin/records/disposal/${id}`, 303);
  });

  app.post('/:id{[0-9]+}/execution', async (c) => {
    const user = allowed(c, 'records.manage');
    const id = runId(c);
    const result = await executeDisposal(database, blobs, id, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      if (result.error === 'records.disposal.error.notFound') throw notFound();
      return refused(c, id, 'disposal-status', result.error);
    }
    setFlash(c, {
      kind: 'success',
      key: 'records.disposal.executedMsg',
      params: { disposed: result.disposed, excluded: result.excluded },
    });
    return c.redirect(`/admin/records/disposal/${id}`, 303);
  });

  app.post('/:id{[0-9]+}/cancellation', async (c) => {
    const user = allowed(c, 'records.manage');
    const id = runId(c);
    const result = await cancelDisposal(database, id, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      if (!(await loadDisposalRun(database, id))) throw notFound();
      return refused(c, id, 'disposal-status', result.error);
    }
    setFlash(c, { kind: 'success', key: 'records.disposal.cancelledMsg' });
    return c.redirect(`/admin/records/disposal/${id}`, 303);
  });

  return app;
}
