import { Hono, type Context } from 'hono';
import { SsoAdminPage, type ConnectionTest, type RuleForm, type SsoAdminModel } from '../../../views/sso/SsoAdmin.tsx';
import { audit } from '../../audit/service.ts';
import { localPasswordsOn } from '../../auth/service.ts';
import type { Database } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str, translateErrors } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { can } from '../../policy/index.ts';
import { unitTree } from '../org/index.ts';
import { testConnection } from './oidc.ts';
import {
  addRule,
  breakGlassAccounts,
  breakGlassAdmins,
  deleteRule,
  listRules,
  loadProvider,
  moveRule,
  saveProvider,
  setLocalPasswords,
  validIssuer,
  viewOf,
  type ProviderInput,
} from './provider.ts';

function requireManager(c: Context<AppEnv>): CurrentUser {
  const user = c.get('user');
  if (!can(user, 'sso.manage')) throw forbidden();
  return user!;
}

const EMPTY_RULE: RuleForm = { group: '', kind: 'role', role: '', unitId: '' };

function providerInput(body: Record<string, unknown>): ProviderInput {
  return {
    enabled: body.enabled === '1',
    issuer: str(body, 'issuer', 500),
    clientId: str(body, 'clientId', 400),
    clientSecret: str(body, 'clientSecret', 1100),
    scopes: str(body, 'scopes', 600),
    buttonName: str(body, 'buttonName', 100),
    contact: str(body, 'contact', 300),
    matchClaim: str(body, 'matchClaim', 200),
    createUsers: body.createUsers === '1',
    usernameClaim: str(body, 'usernameClaim', 200),
    groupClaim: str(body, 'groupClaim', 200),
  };
}

/** Administration → Single sign-on (`/admin/sso`, policy action `sso.manage`: administrators). */
export function ssoAdminRoutes(database: Database) {
  const app = new Hono<AppEnv>();

  async function page(
    c: Context<AppEnv>,
    over: Partial<SsoAdminModel> = {},
    status: 200 | 422 = 200,
  ): Promise<Response> {
    const [provider, rules, units, localPasswords, accounts, activeAdmins] = await Promise.all([
      loadProvider(database),
      listRules(database),
      unitTree(database),
      localPasswordsOn(database),
      breakGlassAccounts(database),
      breakGlassAdmins(database),
    ]);
    const m: SsoAdminModel = {
      provider: viewOf(provider),
      providerErrors: {},
      rules,
      ruleForm: EMPTY_RULE,
      ruleErrors: {},
      units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
      localPasswords,
      localError: null,
      breakGlass: { accounts, activeAdmins },
      test: null,
      ...over,
    };
    return render(c, { title: (v) => v.t('sso.title'), status, body: (v) => <SsoAdminPage v={v} m={m} /> });
  }

  app.get('/', (c) => {
    requireManager(c);
    return page(c);
  });

  app.post('/', async (c) => {
    const user = requireManager(c);
    const input = providerInput(await c.req.parseBody());
    const t = c.get('t');
    // Switching single sign-on off while local passwords are off would leave only break-glass accounts.
    if (!input.enabled && !(await localPasswordsOn(database))) {
      const saved = viewOf(await loadProvider(database));
      return page(
        c,
        {
          provider: { ...input, secretSaved: saved.secretSaved },
          providerErrors: { enabled: t('sso.error.disableWhileLocalOff') },
        },
        422,
      );
    }
    const result = await saveProvider(database, input, actorOf(user), c.get('clientIp')());
    if (!result.ok) {
      const saved = viewOf(await loadProvider(database));
      return page(
        c,
        { provider: { ...input, secretSaved: saved.secretSaved }, providerErrors: translateErrors(t, result.errors) },
        422,
      );
    }
    setFlash(c, { kind: 'success', key: 'sso.saved' });
    return c.redirect('/admin/sso', 303);
  });

  // "Test the connection": fetches the discovery document for the issuer in the form (not saved).
  app.post('/tests', async (c) => {
    const user = requireManager(c);
    const input = providerInput(await c.req.parseBody());
    const saved = await loadProvider(database);
    const issuer = input.issuer.trim().replace(/\/+$/, '');
    const issuerError = issuer ? validIssuer(issuer) : 'sso.error.issuer';
    const t = c.get('t');
    let test: ConnectionTest;
    if (issuerError) test = { ok: false, detail: t(issuerError) };
    else
      test = await testConnection({
        issuer,
        clientId: input.clientId.trim() || 'samspil',
        clientSecret: input.clientSecret || saved?.clientSecret || null,
        updatedAt: 'test',
      });
    await audit(database, {
      actor: actorOf(user),
      action: 'sso.test',
      entityType: 'sso',
      entityId: '1',
      summary: `Tested the connection to ${issuer.slice(0, 200)}: ${test.ok ? 'ok' : 'failed'}`,
      details: test.ok ? { issuer: test.issuer } : { detail: test.detail },
      ip: c.get('clientIp')(),
    });
    const view = viewOf(saved);
    return page(c, { provider: { ...input, secretSaved: view.secretSaved }, test });
  });

  app.post('/rules', async (c) => {
    const user = requireManager(c);
    const body = await c.req.parseBody();
    const form: RuleForm = {
      group: str(body, 'group', 400),
      kind: str(body, 'kind', 10),
      role: str(body, 'role', 40),
      unitId: str(body, 'unitId', 20),
    };
    const result = await addRule(database, form, actorOf(user), c.get('clientIp')());
    if (!result.ok)
      return page(
        c,
        {
          ruleForm: form,
          ruleErrors: translateErrors(c.get('t'), result.errors, {
            group: 'rule-group',
            role: 'rule-role',
            unitId: 'rule-unitId',
          }),
        },
        422,
      );
    setFlash(c, { kind: 'success', key: 'sso.rules.added' });
    return c.redirect('/admin/sso#sso-rules-title', 303);
  });

  app.post('/rules/:id/deletion', async (c) => {
    const user = requireManager(c);
    const id = toId(c.req.param('id'));
    if (!id || !(await deleteRule(database, id, actorOf(user), c.get('clientIp')()))) throw notFound();
    setFlash(c, { kind: 'success', key: 'sso.rules.deleted' });
    return c.redirect('/admin/sso#sso-rules-title', 303);
  });

  app.post('/rules/:id/position', async (c) => {
    const user = requireManager(c);
    const id = toId(c.req.param('id'));
    const direction = str(await c.req.parseBody(), 'direction', 10) === 'up' ? 'up' : 'down';
    if (!id || !(await moveRule(database, id, direction, actorOf(user), c.get('clientIp')()))) throw notFound();
    setFlash(c, { kind: 'success', key: 'sso.rules.moved' });
    return c.redirect('/admin/sso#sso-rules-title', 303);
  });

  app.post('/local-passwords', async (c) => {
    const user = requireManager(c);
    const on = str(await c.req.parseBody(), 'local', 5) !== 'off';
    const result = await setLocalPasswords(database, on, actorOf(user), c.get('clientIp')());
    if (!result.ok) {
      await audit(database, {
        actor: actorOf(user),
        action: 'sso.localPasswords.refused',
        entityType: 'sso',
        entityId: '1',
        summary: `Refused to switch local passwords off: ${result.reason}`,
        details: { reason: result.reason },
        ip: c.get('clientIp')(),
      });
      return page(c, { localError: c.get('t')(result.reason) }, 422);
    }
    setFlash(c, { kind: 'success', key: on ? 'sso.local.switchedOn' : 'sso.local.switchedOff' });
    return c.redirect('/admin/sso', 303);
  });

  return app;
}
