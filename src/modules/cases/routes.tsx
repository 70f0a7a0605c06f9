import { Hono, type Context } from 'hono';
import { CaseFormPage, ChooseTypePage } from '../../../views/cases/CaseForm.tsx';
import { CaseListPage, CaseResults, DeadlinesPage, NearPage, RecentPage, type ListFilter } from '../../../views/cases/CaseList.tsx';
import { CasePage, type CasePageData } from '../../../views/cases/CasePage.tsx';
import { CaseSearchPage, CaseSearchResults, type CaseSearchState } from '../../../views/cases/CaseSearch.tsx';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import type { Database } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import type { CaseStatus, CaseType } from '../../db/schema.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden } from '../../http/errors.tsx';
import { actorOf, translateErrors as translate } from '../../http/forms.ts';
import { setFlash } from '../../http/flash.ts';
import { render } from '../../http/render.tsx';
import { copenhagenDate, formatNumber } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import { unitTree } from '../org/service.ts';
import { listFacets, listSubjects } from '../kle/service.ts';
import { requireCase, type LoadedCase } from './access.ts';
import { addDeadline, completeDeadline, listDeadlines, type DeadlineInput } from './deadlines.ts';
import { parsePoint } from './geo.ts';
import { searchCases } from './search.ts';
import { addNote, listNotes } from './notes.ts';
import { addParty, listParties, unmaskCpr, type PartyInput } from './parties.ts';
import {
  CASE_TYPES,
  casesNear,
  caseContext,
  changeStatus,
  createCase,
  emptyCaseInput,
  inputFromCase,
  linkedCases,
  listCases,
  recentlyViewed,
  recordView,
  relateCases,
  timeline,
  upcomingDeadlines,
  updateCase,
  type CaseInput,
  type CaseSort,
  type StatusChange,
} from './service.ts';

/**
 * Documents hook in here: the documents module renders its section of the case page. Kept as a
 * function so the cases module does not import the documents module's internals.
 */
export type CaseSection = (c: Context<AppEnv>, loaded: LoadedCase, state?: unknown) => Promise<CasePageData['documents']>;

async function readCaseForm(c: Context<AppEnv>): Promise<CaseInput> {
  const body = await c.req.parseBody({ all: true });
  const str = (k: string, max = 1000) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, max) : '');
  const list = (k: string) => (body[k] === undefined ? [] : Array.isArray(body[k]) ? body[k] : [body[k]]).filter((x): x is string => typeof x === 'string');
  return emptyCaseInput({
    type: str('type'),
    title: str('title', 400),
    description: str('description', 25_000),
    kleNumber: str('kleNumber', 20),
    facetCode: str('facetCode', 10),
    unitId: str('unitId', 20),
    caseworkerUsername: str('caseworkerUsername', 100),
    confidential: body.confidential !== undefined,
    accessUsernames: str('accessUsernames', 2000),
    accessUnitIds: list('accessUnitIds'),
    parentNumber: str('parentNumber', 60),
    retention: str('retention', 20),
    retentionYears: str('retentionYears', 10),
    address: str('address', 400),
    point: str('point', 100),
    geometry: str('geometry', 200_000),
    partyName: str('partyName', 300),
    partyCpr: str('partyCpr', 20),
    partyCvr: str('partyCvr', 20),
  });
}

function requireRole(c: Context<AppEnv>, action: 'cases.view' | 'cases.create'): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}

export function caseRoutes(database: Database, renderCase: CasePageRenderer) {
  const app = new Hono<AppEnv>();

  async function formChoices() {
    const [units, kle, facets] = await Promise.all([unitTree(database), listSubjects(database, { level: 3, limit: 5000 }), listFacets(database)]);
    return { units, kle, facets };
  }

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
    const filters: { type: CaseType | ''; status: CaseStatus | ''; kle: string; unitId: string; from: string; to: string } = {
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
      ? await searchCases(database, { ...user, name: user.displayName }, text, { ...filters, unitId: toId(filters.unitId) }, { ip: c.get('clientIp')(), limit: 20 })
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
    return render(c, { title: (v) => v.t('cases.view.deadlines'), body: (v) => <DeadlinesPage v={v} items={items} scope={scope} /> });
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

  // --- Create ----------------------------------------------------------------------------------
  app.get('/new', async (c) => {
    requireRole(c, 'cases.create');
    const type = c.req.query('type');
    if (!type) return render(c, { title: (v) => v.t('cases.new'), body: (v) => <ChooseTypePage v={v} /> });
    if (!CASE_TYPES.includes(type as CaseType)) {
      return render(c, { title: (v) => v.t('cases.new'), status: 422, body: (v) => <ChooseTypePage v={v} error={v.t('cases.error.type')} /> });
    }
    const user = c.get('user')!;
    const choices = await formChoices();
    const input = emptyCaseInput({ type, unitId: user.orgUnitId ? String(user.orgUnitId) : '' });
    return render(c, {
      title: (v) => v.t('cases.new'),
      body: (v) => <CaseFormPage v={v} mode="new" input={input} errors={{}} {...choices} />,
    });
  });

  app.post('/', async (c) => {
    const user = requireRole(c, 'cases.create');
    const input = await readCaseForm(c);
    const result = await createCase(database, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      const choices = await formChoices();
      const errors = translate(c.get('t'), result.errors);
      return render(c, {
        title: (v) => v.t('cases.new'),
        status: 422,
        body: (v) => <CaseFormPage v={v} mode="new" input={input} errors={errors} {...choices} />,
      });
    }
    setFlash(c, { kind: 'success', key: 'cases.createdMsg', params: { number: result.number } });
    return c.redirect(`/cases/${result.id}`, 303);
  });

  // --- One case --------------------------------------------------------------------------------
  const casePage = renderCase;

  app.get('/:id{[0-9]+}', async (c) => {
    const user = c.get('user');
    const loaded = await requireCase(database, user, c.req.param('id'));
    await recordView(database, user!.id, loaded.row.id);
    // The read is logged by caseReads() (reads.ts), like every page under /cases/:id.
    return casePage(c, loaded);
  });

  app.get('/:id{[0-9]+}/edit', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    const [input, choices] = await Promise.all([inputFromCase(database, loaded.row), formChoices()]);
    const manageAccess = can(user, 'case.manageAccess', loaded.resource);
    return render(c, {
      title: (v) => `${v.t('cases.edit')} ${loaded.row.number}`,
      body: (v) => (
        <CaseFormPage v={v} mode="edit" caseId={loaded.row.id} caseNumber={loaded.row.number} input={input} errors={{}} manageAccess={manageAccess} {...choices} />
      ),
    });
  });

  app.post('/:id{[0-9]+}', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    const input = await readCaseForm(c);
    const result = await updateCase(database, loaded.row, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      const choices = await formChoices();
      const errors = translate(c.get('t'), result.errors);
      return render(c, {
        title: (v) => `${v.t('cases.edit')} ${loaded.row.number}`,
        status: 422,
        body: (v) => (
          <CaseFormPage
            v={v}
            mode="edit"
            caseId={loaded.row.id}
            caseNumber={loaded.row.number}
            input={{ ...input, type: loaded.row.type }}
            errors={errors}
            manageAccess={can(user, 'case.manageAccess', loaded.resource)}
            {...choices}
          />
        ),
      });
    }
    setFlash(c, { kind: 'success', key: result.changed.length ? 'cases.savedMsg' : 'cases.noChanges' });
    return c.redirect(`/cases/${loaded.row.id}`, 303);
  });

  app.post('/:id{[0-9]+}/status', async (c) => {
    const user = c.get('user')!;
    const body = await c.req.parseBody();
    const change = (['close', 'reopen', 'archive'] as const).find((x) => x === body.change);
    const action = change === 'reopen' ? 'case.reopen' : change === 'archive' ? 'case.archive' : 'case.edit';
    const loaded = await requireCase(database, user, c.req.param('id'), action);
    if (!change) return c.redirect(`/cases/${loaded.row.id}`, 303);
    const reason = typeof body.reason === 'string' ? body.reason.slice(0, 2000) : '';
    const result = await changeStatus(database, loaded.row, change as StatusChange, actorOf(user), { reason, ip: c.get('clientIp')() });
    if (!result.ok) return casePage(c, loaded, { status: { reason, error: c.get('t')(result.error) } }, 422);
    setFlash(c, { kind: 'success', key: change === 'close' ? 'cases.closedMsg' : change === 'reopen' ? 'cases.reopenedMsg' : 'cases.archivedMsg' });
    return c.redirect(`/cases/${loaded.row.id}`, 303);
  });

  app.post('/:id{[0-9]+}/parties', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    const body = await c.req.parseBody();
    const str = (k: string, max = 300) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, max) : '');
    const input: PartyInput = { kind: str('kind'), role: str('role'), name: str('name'), cpr: str('cpr', 20), cvr: str('cvr', 20), address: str('address'), email: str('email'), phone: str('phone', 40) };
    const result = await addParty(database, loaded.row, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) return casePage(c, loaded, { party: { input, errors: translate(c.get('t'), result.errors) } }, 422);
    setFlash(c, { kind: 'success', key: 'parties.added', params: { name: input.name.trim() } });
    return c.redirect(`/cases/${loaded.row.id}#parties`, 303);
  });

  // Showing a full CPR number is a thing the user creates (a logged view), hence a POST.
  app.post('/:id{[0-9]+}/parties/:pid{[0-9]+}/cpr-views', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.unmaskCpr');
    const shown = await unmaskCpr(database, loaded.row, Number(c.req.param('pid')), actorOf(user), { ip: c.get('clientIp')() });
    if (!shown) return c.redirect(`/cases/${loaded.row.id}`, 303);
    return casePage(c, loaded, {}, 200, { partyId: Number(c.req.param('pid')), ...shown });
  });

  app.post('/:id{[0-9]+}/notes', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    const body = await c.req.parseBody();
    const text = typeof body.body === 'string' ? body.body.slice(0, 25_000) : '';
    const result = await addNote(database, loaded.row, text, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) return casePage(c, loaded, { note: { body: text, error: c.get('t')(result.error) } }, 422);
    setFlash(c, { kind: 'success', key: 'notes.added' });
    return c.redirect(`/cases/${loaded.row.id}#notes`, 303);
  });

  app.post('/:id{[0-9]+}/deadlines', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    const body = await c.req.parseBody();
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, 300) : '');
    const input: DeadlineInput = { title: str('title'), dueOn: str('dueOn'), remindOn: str('remindOn') };
    const result = await addDeadline(database, loaded.row, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) return casePage(c, loaded, { deadline: { input, errors: translate(c.get('t'), result.errors) } }, 422);
    setFlash(c, { kind: 'success', key: 'deadlines.added' });
    return c.redirect(`/cases/${loaded.row.id}#deadlines`, 303);
  });

  app.post('/:id{[0-9]+}/deadlines/:did{[0-9]+}/completion', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    await completeDeadline(database, loaded.row, Number(c.req.param('did')), actorOf(user), { ip: c.get('clientIp')() });
    setFlash(c, { kind: 'success', key: 'deadlines.completed' });
    return c.redirect(`/cases/${loaded.row.id}#deadlines`, 303);
  });

  app.post('/:id{[0-9]+}/relations', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    const body = await c.req.parseBody();
    const number = typeof body.number === 'string' ? body.number.slice(0, 60) : '';
    const result = await relateCases(database, loaded.row, number, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) return casePage(c, loaded, { relate: { number, error: c.get('t')(result.error) } }, 422);
    setFlash(c, { kind: 'success', key: 'cases.related.added' });
    return c.redirect(`/cases/${loaded.row.id}#linked`, 303);
  });

  return app;
}

/**
 * Renders the case page (used by the case routes and by modules that re-render it with a form
 * error of their own, such as the document upload).
 */
export type CasePageRenderer = (
  c: Context<AppEnv>,
  loaded: LoadedCase,
  forms?: CasePageData['forms'],
  status?: 200 | 422 | 413,
  shownCpr?: CasePageData['shownCpr'],
  sectionState?: unknown,
) => Promise<Response>;

export function casePageRenderer(database: Database, opts: { documents?: CaseSection; map?: { url: string | null; layers: string | null } } = {}): CasePageRenderer {
  return async function casePage(c, loaded, forms = {}, status = 200, shownCpr, sectionState) {
    const user = c.get('user')!;
    const { row, resource } = loaded;
    const [ctx, parties, notes, deadlines, linked, events, documents] = await Promise.all([
      caseContext(database, row, user),
      listParties(database, row.id),
      listNotes(database, row.id),
      listDeadlines(database, row.id),
      linkedCases(database, user, row.id),
      timeline(database, row.id),
      opts.documents ? opts.documents(c, loaded, sectionState) : Promise.resolve(undefined),
    ]);
    const data: CasePageData = {
      row,
      kle: ctx.kle,
      facet: ctx.facet,
      unitName: ctx.unit?.name ?? null,
      caseworkerName: ctx.caseworker?.display_name ?? null,
      parent: ctx.parent,
      access: ctx.access,
      parties,
      notes,
      deadlines,
      children: linked.children,
      related: linked.related,
      timeline: events,
      documents,
      allowed: {
        edit: can(user, 'case.edit', resource),
        unmask: can(user, 'case.unmaskCpr', resource),
        reopen: can(user, 'case.reopen', resource),
        archive: can(user, 'case.archive', resource),
      },
      shownCpr,
      today: copenhagenDate(new Date()),
      forms,
      map: opts.map ?? null,
    };
    return render(c, { title: `${row.number} ${row.title}`, status, body: (v) => <CasePage v={v} d={data} /> });
  };
}
