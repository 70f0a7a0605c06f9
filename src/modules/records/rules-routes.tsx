import { Hono, type Context } from 'hono';
import {
  RuleEditPage,
  RulesPage,
  RulesTable,
  type LocalRuleForm,
  type RulesFilter,
} from '../../../views/records/Rules.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str, translateErrors } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { can, type Action } from '../../policy/index.ts';
import {
  clearLocalRule,
  getRule,
  inheritingCases,
  listFacetRules,
  listSubjectRules,
  setLocalRule,
  type RuleTarget,
} from './rules.ts';

/**
 * Retention rules, mounted at /admin/records (recordsRoutes in routes.tsx): the list (records.view)
 * and, per subject or facet, the page with the forms that set or clear the local rule
 * (records.manage). A subject is addressed by its number (`/rules/subjects/02.34.02`), a facet by
 * its code (`/rules/facets/G01`).
 */
export function rulesRoutes(database: Database) {
  const app = new Hono<AppEnv>();

  const allow = (c: Context<AppEnv>, action: Action): CurrentUser => {
    const user = c.get('user');
    if (!can(user, action)) throw forbidden();
    return user!;
  };

  app.get('/rules', async (c) => {
    allow(c, 'records.view');
    const view = c.req.query('view') === 'facets' ? 'facets' : 'subjects';
    const filter: RulesFilter = {
      view,
      q: (c.req.query('q') ?? '').slice(0, 100),
      localOnly: c.req.query('local') === '1',
    };
    const after = (c.req.query('after') ?? '').slice(0, 20) || null;
    const { items, next } =
      view === 'facets'
        ? { items: await listFacetRules(database), next: null }
        : await listSubjectRules(database, { q: filter.q, localOnly: filter.localOnly, after });
    return render(c, {
      title: (v) => v.t('records.rules.title'),
      body: (v) => <RulesPage v={v} filter={filter} items={items} next={next} />,
      fragment: (v) => <RulesTable v={v} view={view} items={items} next={next} filter={filter} />,
    });
  });

  for (const view of ['subjects', 'facets'] as const) {
    const targetOf = (c: Context<AppEnv>): RuleTarget => {
      const key = c.req.param('key') ?? '';
      return view === 'subjects' ? { kind: 'subject', number: key } : { kind: 'facet', code: key.toUpperCase() };
    };

    const page = async (c: Context<AppEnv>, target: RuleTarget, form?: LocalRuleForm) => {
      const item = await getRule(database, target);
      if (!item) throw notFound();
      const inheriting = await inheritingCases(database, target);
      return render(c, {
        title: `${item.key} ${item.title}`,
        status: form ? 422 : 200,
        body: (v) => <RuleEditPage v={v} view={view} item={item} inheriting={inheriting} form={form} />,
      });
    };

    app.get(`/rules/${view}/:key`, async (c) => {
      allow(c, 'records.view');
      return page(c, targetOf(c));
    });

    app.post(`/rules/${view}/:key/local-rule`, async (c) => {
      const user = allow(c, 'records.manage');
      const target = targetOf(c);
      const body = await c.req.parseBody();
      const input = {
        retention: str(body, 'retention', 20),
        years: str(body, 'years', 10),
        reason: str(body, 'reason', 2000),
      };
      const result = await setLocalRule(database, target, input, actorOf(user), { ip: c.get('clientIp')() });
      if (!result.ok) {
        if ('notFound' in result) throw notFound();
        return page(c, target, { which: 'set', input, errors: translateErrors(c.get('t'), result.errors) });
      }
      setFlash(c, { kind: 'success', key: 'records.rules.savedMsg', params: { count: result.followed } });
      return c.redirect(`/admin/records/rules/${view}/${encodeURIComponent(c.req.param('key'))}`, 303);
    });

    app.post(`/rules/${view}/:key/local-rule/deletion`, async (c) => {
      const user = allow(c, 'records.manage');
      const target = targetOf(c);
      const body = await c.req.parseBody();
      const input = { retention: '', years: '', reason: str(body, 'reason', 2000) };
      const result = await clearLocalRule(database, target, input.reason, actorOf(user), { ip: c.get('clientIp')() });
      if (!result.ok) {
        if ('notFound' in result) throw notFound();
        return page(c, target, { which: 'clear', input, errors: translateErrors(c.get('t'), result.errors) });
      }
      setFlash(c, { kind: 'success', key: 'records.rules.clearedMsg', params: { count: result.followed } });
      return c.redirect(`/admin/records/rules/${view}/${encodeURIComponent(c.req.param('key'))}`, 303);
    });
  }

  return app;
}
