import { Hono, type Context } from 'hono';
import { DecisionPage } from '../../../views/access-requests/DecisionPage.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, list, str, translateErrors } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { can } from '../../policy/index.ts';
import { requireAccessRequest, type LoadedRequest } from './access.ts';
import { decide, inputOf, loadItem, type DecisionErrors, type DecisionInput, type LoadedItem } from './decisions.ts';
import { listLegalBases } from './legal-bases.ts';
import { listRedactions } from './redaction.ts';

/** The decision on each document of a request: /access-requests/:requestId/documents/:itemId. */
export function decisionRoutes(database: Database) {
  const app = new Hono<AppEnv>();

  async function load(c: Context<AppEnv>, action: 'case.view' | 'case.edit') {
    const loaded = await requireAccessRequest(database, c.get('user'), c.req.param('requestId')!, action);
    if (!loaded.kase) throw notFound();
    const item = await loadItem(database, c.get('user')!, loaded.row.id, c.req.param('itemId')!);
    if (!item) throw notFound();
    return { loaded, item };
  }

  async function page(
    c: Context<AppEnv>,
    loaded: LoadedRequest,
    item: LoadedItem,
    input: DecisionInput,
    errors: DecisionErrors,
    status: 200 | 422 = 200,
  ) {
    const user = c.get('user')!;
    const [all, redactions] = await Promise.all([
      listLegalBases(database, { activeOnly: true }),
      listRedactions(database, item.id),
    ]);
    // The request's own law first; a basis already chosen stays on the list even if switched off since.
    const bases = [...all.filter((b) => b.law === loaded.row.law), ...all.filter((b) => b.law !== loaded.row.law)];
    return render(c, {
      title: (v) => `${v.t('akt.decision.title')}: ${item.title}`,
      body: (v) => (
        <DecisionPage
          v={v}
          requestId={loaded.row.id}
          number={loaded.kase!.row.number}
          item={item}
          redactions={redactions.length}
          bases={bases}
          input={input}
          errors={translateErrors(c.get('t'), errors)}
          canChange={
            loaded.row.status === 'open' &&
            can(user, 'accessRequests.manage') &&
            can(user, 'case.edit', loaded.kase!.resource)
          }
        />
      ),
      status,
    });
  }

  app.get('/:requestId{[0-9]+}/documents/:itemId{[0-9]+}', async (c) => {
    const { loaded, item } = await load(c, 'case.view');
    return page(c, loaded, item, inputOf(item), {});
  });

  app.post('/:requestId{[0-9]+}/documents/:itemId{[0-9]+}/decision', async (c) => {
    const { loaded, item } = await load(c, 'case.edit');
    const user = c.get('user')!;
    if (!can(user, 'accessRequests.manage')) throw notFound();
    const body = await c.req.parseBody({ all: true });
    const input: DecisionInput = {
      decision: str(body, 'decision', 20),
      basisIds: list(body, 'basisIds', 50),
      reason: str(body, 'reason', 6000),
      extraction: str(body, 'extraction', 21000),
      meroffentlighed: str(body, 'meroffentlighed') === '1',
      meroffentlighedNote: str(body, 'meroffentlighedNote', 4000),
    };
    const result = await decide(database, loaded.row, item, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) return page(c, loaded, item, input, result.errors, 422);
    // Partial access: the next step is marking what to withhold, so go there (when there is text to mark).
    if (input.decision === 'partial' && item.text) {
      setFlash(c, { kind: 'success', key: 'akt.decision.savedRedact' });
      return c.redirect(`/access-requests/${loaded.row.id}/documents/${item.id}/redactions`, 303);
    }
    setFlash(c, { kind: 'success', key: 'akt.decision.saved' });
    return c.redirect(`/access-requests/${loaded.row.id}#documents`, 303);
  });

  return app;
}
