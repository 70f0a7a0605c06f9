import { Hono, type Context } from 'hono';
import { RequestForm } from '../../../views/access-requests/RequestForm.tsx';
import { RequestList, type ListRow } from '../../../views/access-requests/RequestList.tsx';
import { RequestPage, type ExtensionForm, type WithdrawalForm } from '../../../views/access-requests/RequestPage.tsx';
import type { Chip } from '../../../views/access-requests/parts.tsx';
import { audit } from '../../audit/service.ts';
import { closingDays } from '../../calendar/closing-days.ts';
import { noticeDeadline, type ClosingDays } from '../../calendar/workdays.ts';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str, translateErrors } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { copenhagenDate, formatDate } from '../../i18n/index.ts';
import { maskCpr } from '../../identity/index.ts';
import { can } from '../../policy/index.ts';
import { toLocalInput } from '../../i18n/local-input.ts';
import { requireAccessRequest, type AccessRequestRow, type LoadedRequest } from './access.ts';
import type { LetterPost } from './requester.ts';
import { LIST_FILTERS, type ListFilter } from './constants.ts';
import { effectiveDeadline, extendDeadline, WARN_WORKING_DAYS, workingDaysLeft } from './deadlines.ts';
import {
  emptyRequestInput,
  listRequests,
  loadRequestPage,
  registerRequest,
  type RequestErrors,
  type RequestInput,
} from './service.ts';
import { canBeWithdrawn, withdrawalOf, withdrawRequest } from './withdrawal.ts';

/** The chip a request shows: answered, new, overdue, due soon (2 working days), extended, open. */
export function chipFor(
  r: Pick<AccessRequestRow, 'status' | 'deadline' | 'extended_deadline'>,
  today: string,
  closing: ClosingDays,
): Chip {
  if (r.status !== 'open') return r.status;
  const due = effectiveDeadline(r);
  if (today > due) return 'overdue';
  if (today >= noticeDeadline(due, WARN_WORKING_DAYS, closing)) return 'soon';
  return r.extended_deadline ? 'extended' : 'open';
}

function requireRole(c: Context<AppEnv>, action: 'accessRequests.view' | 'accessRequests.manage') {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}

function readInput(body: Record<string, unknown>): RequestInput {
  return {
    kind: str(body, 'kind', 20),
    name: str(body, 'name', 300),
    email: str(body, 'email', 300),
    phone: str(body, 'phone', 60),
    address: str(body, 'address', 400),
    cpr: str(body, 'cpr', 20),
    cvr: str(body, 'cvr', 20),
    channel: str(body, 'channel', 20),
    receivedAt: str(body, 'receivedAt', 40),
    asksFor: str(body, 'asksFor', 6000),
    caseNumbers: str(body, 'caseNumbers', 2000),
    confidential: str(body, 'confidential') === '1',
  };
}

/** Registration, the lists, the request page and the fristbrev. */
export function requestRoutes(database: Database, blobs: BlobStore, post: LetterPost) {
  const app = new Hono<AppEnv>();

  const form = (
    c: Context<AppEnv>,
    input: RequestInput,
    errors: RequestErrors,
    fromId?: number,
    status: 200 | 422 = 200,
  ) =>
    render(c, {
      title: (v) => (fromId ? v.t('akt.newFrom') : v.t('akt.new')),
      body: (v) => <RequestForm v={v} input={input} errors={translateErrors(c.get('t'), errors)} fromId={fromId} />,
      status,
    });

  const list = async (c: Context<AppEnv>, filter: ListFilter) => {
    const user = requireRole(c, 'accessRequests.view');
    const today = copenhagenDate(new Date());
    const closing = await closingDays(database);
    const canManage = can(user, 'accessRequests.manage');
    const items = await listRequests(database, user, filter, { today, canManage });
    const rows: ListRow[] = items.map((r) => {
      const due = effectiveDeadline({ deadline: r.deadline, extended_deadline: r.extendedDeadline });
      return {
        ...r,
        due,
        left: r.status === 'open' ? workingDaysLeft(today, due, closing) : null,
        chip: chipFor(
          { status: r.status, deadline: r.deadline, extended_deadline: r.extendedDeadline },
          today,
          closing,
        ),
      };
    });
    const body = (v: Parameters<Parameters<typeof render>[1]['body']>[0]) => (
      <RequestList v={v} filter={filter} items={rows} canManage={canManage} />
    );
    return render(c, {
      title: (v) => (filter === 'overdue' ? v.t('akt.overdue.title') : v.t('akt.title')),
      body,
      fragment: body,
    });
  };

  app.get('/', (c) => {
    const f = c.req.query('filter') ?? 'open';
    return list(c, (LIST_FILTERS as readonly string[]).includes(f) ? (f as ListFilter) : 'open');
  });
  app.get('/overdue', (c) => list(c, 'overdue'));

  app.get('/new', async (c) => {
    const user = requireRole(c, 'accessRequests.manage');
    const fromId = c.req.query('from');
    if (fromId) {
      const { row } = await requireAccessRequest(database, user, fromId);
      if (row.status !== 'new') return c.redirect(`/access-requests/${row.id}`, 303);
      return form(
        c,
        emptyRequestInput({
          kind: row.requester_kind,
          name: row.requester_name,
          email: row.requester_email ?? '',
          address: row.requester_address ?? '',
          channel: row.channel,
          asksFor: row.asks_for,
        }),
        {},
        row.id,
      );
    }
    return form(c, emptyRequestInput({ receivedAt: toLocalInput(new Date()) }), {});
  });

  app.post('/', async (c) => {
    const user = requireRole(c, 'accessRequests.manage');
    const input = readInput(await c.req.parseBody());
    const result = await registerRequest(database, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) return form(c, input, result.errors, undefined, 422);
    setFlash(c, { kind: 'success', key: 'akt.registered', params: { number: result.number } });
    return c.redirect(`/access-requests/${result.id}`, 303);
  });

  app.post('/:requestId{[0-9]+}/registration', async (c) => {
    const user = requireRole(c, 'accessRequests.manage');
    const { row } = await requireAccessRequest(database, user, c.req.param('requestId'));
    const input = readInput(await c.req.parseBody());
    const result = await registerRequest(database, { ...input, channel: row.channel }, actorOf(user), {
      ip: c.get('clientIp')(),
      existingId: row.id,
    });
    if (!result.ok) return form(c, input, result.errors, row.id, 422);
    setFlash(c, { kind: 'success', key: 'akt.registered', params: { number: result.number } });
    return c.redirect(`/access-requests/${result.id}`, 303);
  });

  const page = async (
    c: Context<AppEnv>,
    loaded: LoadedRequest,
    forms: { extension?: ExtensionForm; withdrawal?: WithdrawalForm } = {},
    status: 200 | 422 = 200,
  ) => {
    const user = c.get('user')!;
    const { row, kase } = loaded;
    const today = copenhagenDate(new Date());
    const closing = await closingDays(database);
    const [m, withdrawal] = await Promise.all([loadRequestPage(database, user, row), withdrawalOf(database, row)]);
    const canChange = !!kase && can(user, 'accessRequests.manage') && can(user, 'case.edit', kase.resource);
    // The requester's name and contact are personal data: every view is in the audit log.
    await audit(database, {
      actor: actorOf(user),
      action: 'accessRequest.view',
      entityType: kase ? 'case' : 'access_request',
      entityId: kase ? kase.row.id : row.id,
      summary: `Viewed access request ${kase?.row.number ?? row.id}`,
      details: { request: row.id },
      ip: c.get('clientIp')(),
    });
    return render(c, {
      title: (v) =>
        kase
          ? `${v.t('akt.title')}: ${kase.row.number}`
          : v.t(row.status === 'new' ? 'akt.page.newTitle' : 'akt.page.formTitle'),
      body: (v) => (
        <RequestPage
          v={v}
          row={row}
          number={kase?.row.number ?? null}
          m={m}
          chip={chipFor(row, today, closing)}
          left={row.status === 'open' ? workingDaysLeft(today, effectiveDeadline(row), closing) : null}
          maskedCpr={row.requester_cpr ? maskCpr(row.requester_cpr) : null}
          canChange={canChange}
          canRegister={!kase && row.status === 'new' && can(user, 'accessRequests.manage')}
          canWithdraw={canBeWithdrawn(row) && (kase ? canChange : can(user, 'accessRequests.manage'))}
          withdrawal={withdrawal}
          extension={forms.extension}
          withdrawalForm={forms.withdrawal}
        />
      ),
      status,
    });
  };

  app.get('/:requestId{[0-9]+}', async (c) =>
    page(c, await requireAccessRequest(database, c.get('user'), c.req.param('requestId'))),
  );

  app.post('/:requestId{[0-9]+}/extension', async (c) => {
    const user = requireRole(c, 'accessRequests.manage');
    const loaded = await requireAccessRequest(database, user, c.req.param('requestId'), 'case.edit');
    if (!loaded.kase) throw notFound();
    const body = await c.req.parseBody();
    const input = { reason: str(body, 'reason', 4000), newDate: str(body, 'newDate', 20) };
    const sender = { ...actorOf(user), displayName: user.displayName };
    const result = await extendDeadline(database, blobs, loaded.row, loaded.kase.row, input, sender, post, {
      ip: c.get('clientIp')(),
    });
    if (!result.ok) {
      const errors = translateErrors(c.get('t'), result.errors);
      // Not a field's fault (the CPR register did not answer, no sender CVR): nothing was sent.
      if (result.error) errors.send = c.get('t')(result.error);
      return page(c, loaded, { extension: { input, errors } }, 422);
    }
    setFlash(c, {
      kind: 'success',
      key: `akt.extend.done.${result.sentAs}`,
      params: { date: formatDate(`${input.newDate}T12:00:00Z`, c.get('locale')) },
    });
    return c.redirect(`/access-requests/${loaded.row.id}`, 303);
  });

  // Withdrawing: through the AKT case (`case.edit`), or for a request from the form that is not
  // registered yet, by those who register requests (requireAccessRequest asks for that).
  app.post('/:requestId{[0-9]+}/withdrawal', async (c) => {
    const user = requireRole(c, 'accessRequests.manage');
    const loaded = await requireAccessRequest(database, user, c.req.param('requestId'), 'case.edit');
    const body = await c.req.parseBody();
    const input = { reason: str(body, 'reason', 6000) };
    const result = await withdrawRequest(database, loaded.row, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok)
      return page(c, loaded, { withdrawal: { input, errors: translateErrors(c.get('t'), result.errors) } }, 422);
    setFlash(c, { kind: 'success', key: 'akt.withdraw.done' });
    return c.redirect(`/access-requests/${loaded.row.id}`, 303);
  });

  return app;
}
