import { Hono, type Context } from 'hono';
import { CaseFormPage, ChooseTypePage } from '../../../views/cases/CaseForm.tsx';
import { CasePage } from '../../../views/cases/CasePage.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { setFlash } from '../../http/flash.ts';
import { render } from '../../http/render.tsx';
import { can } from '../../policy/index.ts';
import { listFacets, listSubjects, retentionRuleFor } from '../kle/index.ts';
import type { RetentionFormState } from '../../../views/cases/CaseForm.tsx';
import type { CaseRow } from './access.ts';
import type { CurrentUser } from '../../http/env.ts';
import { unitTree } from '../org/index.ts';
import { requireCase } from './access.ts';
import { loadCasePage, type CasePageRenderer, type CasePageSetup } from './case-page.ts';
import {
  CASE_TYPES,
  createCase,
  emptyCaseInput,
  inputFromCase,
  recordView,
  updateCase,
  type CaseInput,
} from './service.ts';
import type { CaseType } from '../../db/schema.ts';
import { actorOf, translateErrors as translate } from '../../http/forms.ts';
import { requireRole } from './route-helpers.ts';

/** One case: creating it, its page, editing its registration. */

async function readCaseForm(c: Context<AppEnv>): Promise<CaseInput> {
  const body = await c.req.parseBody({ all: true });
  const str = (k: string, max = 1000) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, max) : '');
  const list = (k: string) =>
    (body[k] === undefined ? [] : Array.isArray(body[k]) ? body[k] : [body[k]]).filter(
      (x): x is string => typeof x === 'string',
    );
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
    retentionReason: str('retentionReason', 2000),
    address: str('address', 400),
    point: str('point', 100),
    geometry: str('geometry', 200_000),
    partyName: str('partyName', 300),
    partyCpr: str('partyCpr', 20),
    partyCvr: str('partyCvr', 20),
  });
}

export function caseItemRoutes(database: Database, casePage: CasePageRenderer) {
  const app = new Hono<AppEnv>();

  async function formChoices() {
    const [units, kle, facets] = await Promise.all([
      unitTree(database),
      listSubjects(database, { level: 3, limit: 5000 }),
      listFacets(database),
    ]);
    return { units, kle, facets };
  }

  /** The retention part of the form: the rule in force for a case being edited, and who may override it. */
  async function retentionState(user: CurrentUser, row?: CaseRow): Promise<RetentionFormState> {
    const mayOverride = can(user, 'records.manage');
    if (!row) return { mayOverride };
    return {
      mayOverride,
      rule: await retentionRuleFor(database, row.kle_number, row.facet_code),
      kleNumber: row.kle_number,
      facetCode: row.facet_code,
      own: row.retention_overridden
        ? { retention: row.retention, years: row.retention_years, reason: row.retention_reason }
        : null,
    };
  }

  // --- Create ----------------------------------------------------------------------------------
  app.get('/new', async (c) => {
    requireRole(c, 'cases.create');
    const type = c.req.query('type');
    if (!type) return render(c, { title: (v) => v.t('cases.new'), body: (v) => <ChooseTypePage v={v} /> });
    if (!CASE_TYPES.includes(type as CaseType)) {
      return render(c, {
        title: (v) => v.t('cases.new'),
        status: 422,
        body: (v) => <ChooseTypePage v={v} error={v.t('cases.error.type')} />,
      });
    }
    const user = c.get('user')!;
    const choices = await formChoices();
    const input = emptyCaseInput({ type, unitId: user.orgUnitId ? String(user.orgUnitId) : '' });
    const retention = await retentionState(user);
    return render(c, {
      title: (v) => v.t('cases.new'),
      body: (v) => <CaseFormPage v={v} mode="new" input={input} errors={{}} retention={retention} {...choices} />,
    });
  });

  app.post('/', async (c) => {
    const user = requireRole(c, 'cases.create');
    const input = await readCaseForm(c);
    const result = await createCase(database, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      const choices = await formChoices();
      const errors = translate(c.get('t'), result.errors);
      const retention = await retentionState(user);
      return render(c, {
        title: (v) => v.t('cases.new'),
        status: 422,
        body: (v) => <CaseFormPage v={v} mode="new" input={input} errors={errors} retention={retention} {...choices} />,
      });
    }
    setFlash(c, { kind: 'success', key: 'cases.createdMsg', params: { number: result.number } });
    return c.redirect(`/cases/${result.id}`, 303);
  });

  // --- One case --------------------------------------------------------------------------------
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
    const [input, choices, retention] = await Promise.all([
      inputFromCase(database, loaded.row),
      formChoices(),
      retentionState(user, loaded.row),
    ]);
    const manageAccess = can(user, 'case.manageAccess', loaded.resource);
    return render(c, {
      title: (v) => `${v.t('cases.edit')} ${loaded.row.number}`,
      body: (v) => (
        <CaseFormPage
          v={v}
          mode="edit"
          caseId={loaded.row.id}
          caseNumber={loaded.row.number}
          input={input}
          errors={{}}
          manageAccess={manageAccess}
          retention={retention}
          {...choices}
        />
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
      const retention = await retentionState(user, loaded.row);
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
            retention={retention}
            {...choices}
          />
        ),
      });
    }
    setFlash(c, { kind: 'success', key: result.changed.length ? 'cases.savedMsg' : 'cases.noChanges' });
    return c.redirect(`/cases/${loaded.row.id}`, 303);
  });

  return app;
}

/**
 * The case page's renderer, built once in src/app.tsx with the sections other modules add
 * (case-page.ts), and used by the case routes and by those modules' routes.
 */
export function casePageRenderer(database: Database, setup: CasePageSetup = {}): CasePageRenderer {
  return async function casePage(c, loaded, options = {}) {
    const data = await loadCasePage(database, c, loaded, options, setup);
    return render(c, {
      title: `${data.row.number} ${data.row.title}`,
      status: options.status ?? 200,
      body: (v) => <CasePage v={v} d={data} />,
    });
  };
}
