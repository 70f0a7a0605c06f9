import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { setFlash } from '../../http/flash.ts';
import { requireCase } from './access.ts';
import type { CasePageRenderer } from './case-page.ts';
import { addParty, unmaskCpr, type PartyInput } from './parties.ts';
import { actorOf, translateErrors as translate } from '../../http/forms.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { lookupCompany, lookupPerson, type Registers } from '../registers/index.ts';
import type { PartyLookupNotice } from './case-page.ts';
import type { LoadedCase } from './access.ts';
import type { CurrentUser } from '../../http/env.ts';

/** The CPR and CVR registers the party form's "Slå op" asks (the app's, from src/app.tsx). */
export type PartyRegisters = Registers;

/**
 * "Slå op": the party form posted with its lookup button. Asks the register for the CPR or CVR
 * number typed (audited by the registers module, with the case as purpose) and fills in name and
 * address; a protected address is left out for those who may not see it (the registers module
 * decides). The form comes back filled in, for the user to check and add.
 */
async function lookUp(
  registers: PartyRegisters,
  database: Database,
  user: CurrentUser,
  loaded: LoadedCase,
  input: PartyInput,
  ip: string | null,
): Promise<{ input: PartyInput; errors: Partial<Record<keyof PartyInput, MessageKey>>; notice?: PartyLookupNotice }> {
  const viewer = { ...actorOf(user), displayName: user.displayName };
  const opts = { purpose: { caseId: loaded.row.id }, ip };
  if (input.kind === 'company') {
    if (!input.cvr.trim()) return { input, errors: { cvr: 'registers.lookup.needCvr' } };
    const r = await lookupCompany(database, registers.companies, viewer, input.cvr.trim(), opts);
    if (r.status === 'invalid') return { input, errors: { cvr: 'cases.error.cvr' } };
    if (r.status === 'not_found') return { input, errors: { cvr: 'registers.lookup.notFound.cvr' } };
    const { company } = r;
    const address = [company.address, [company.postcode, company.city].filter(Boolean).join(' ')]
      .filter(Boolean)
      .join(', ');
    return {
      input: { ...input, name: company.name, address: address || input.address },
      errors: {},
      notice: {
        kind: company.status === 'active' ? 'success' : 'warning',
        key: company.status === 'active' ? 'registers.lookup.found' : 'registers.lookup.ceased',
      },
    };
  }
  if (input.kind !== 'person') return { input, errors: { kind: 'registers.lookup.needKind' } };
  if (!input.cpr.trim()) return { input, errors: { cpr: 'registers.lookup.needCpr' } };
  const r = await lookupPerson(database, registers.persons, viewer, input.cpr.trim(), opts);
  if (r.status === 'invalid') return { input, errors: { cpr: 'cases.error.cpr' } };
  if (r.status === 'not_found') return { input, errors: { cpr: 'registers.lookup.notFound.cpr' } };
  const address = r.address
    ? [r.address.street, [r.address.postcode, r.address.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')
    : '';
  const notice: PartyLookupNotice = r.addressProtected
    ? { kind: 'warning', key: r.address ? 'registers.lookup.protectedShown' : 'registers.lookup.protectedHidden' }
    : r.deceased
      ? { kind: 'warning', key: 'registers.lookup.deceased' }
      : { kind: 'success', key: 'registers.lookup.found' };
  return { input: { ...input, name: r.name, address: address || input.address }, errors: {}, notice };
}

/** A case's parties, and showing one's full CPR number (a logged read). */
export function partyRoutes(database: Database, casePage: CasePageRenderer, registers?: PartyRegisters) {
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
    if (body.lookup !== undefined) {
      // Without registers (not set up) the form just comes back as it was: a look-up never adds.
      if (!registers) return casePage(c, loaded, { forms: { party: { input, errors: {} } } });
      const found = await lookUp(registers, database, user, loaded, input, c.get('clientIp')()).catch(() => ({
        input,
        errors: { [input.kind === 'company' ? 'cvr' : 'cpr']: 'registers.lookup.failed' } as Partial<
          Record<keyof PartyInput, MessageKey>
        >,
        notice: undefined,
      }));
      const failed = Object.keys(found.errors).length > 0;
      return casePage(c, loaded, {
        forms: { party: { input: found.input, errors: translate(c.get('t'), found.errors), notice: found.notice } },
        status: failed ? 422 : 200,
      });
    }
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
