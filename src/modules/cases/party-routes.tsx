import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { setFlash } from '../../http/flash.ts';
import { requireCase } from './access.ts';
import type { CasePageRenderer } from './case-page.ts';
import { addParty, unmaskCpr, type PartyInput } from './parties.ts';
import { actorOf, translateErrors as translate } from '../../http/forms.ts';

/** A case's parties, and showing one's full CPR number (a logged read). */
export function partyRoutes(database: Database, casePage: CasePageRenderer) {
  const app = new Hono<AppEnv>();

  app.post('/:id{[0-9]+}/parties', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    const body = await c.req.parseBody();
    const str = (k: string, max = 300) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, max) : '');
    const input: PartyInput = {
      kind: str('kind'),
      role: str('role'),
      name: str('name'),
      cpr: str('cpr', 20),
      cvr: str('cvr', 20),
      address: str('address'),
      email: str('email'),
      phone: str('phone', 40),
    };
    const result = await addParty(database, loaded.row, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok)
      return casePage(c, loaded, {
        forms: { party: { input, errors: translate(c.get('t'), result.errors) } },
        status: 422,
      });
    setFlash(c, { kind: 'success', key: 'parties.added', params: { name: input.name.trim() } });
    return c.redirect(`/cases/${loaded.row.id}#parties`, 303);
  });

  // Showing a full CPR number is a thing the user creates (a logged view), hence a POST.
  app.post('/:id{[0-9]+}/parties/:partyId{[0-9]+}/cpr-views', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.unmaskCpr');
    const shown = await unmaskCpr(database, loaded.row, Number(c.req.param('partyId')), actorOf(user), {
      ip: c.get('clientIp')(),
    });
    if (!shown) return c.redirect(`/cases/${loaded.row.id}`, 303);
    return casePage(c, loaded, { shownCpr: { partyId: Number(c.req.param('partyId')), ...shown } });
  });

  return app;
}
