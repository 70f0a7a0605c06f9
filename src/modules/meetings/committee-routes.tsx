import { Hono, type Context } from 'hono';
import { toInt } from '../../db/sql.ts';
import type { FieldErrors } from '../../../views/components/form.tsx';
import { CommitteeFormPage, CommitteePage, CommitteesIndexPage } from '../../../views/meetings/Committees.tsx';
import { auditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { str, translateErrors } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { copenhagenDate } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import {
  deleteCommittee,
  hasMeetings,
  addMembership,
  createCommittee,
  emptyCommitteeInput,
  endMembership,
  formerMembers,
  getCommittee,
  inputFromCommittee,
  listCommittees,
  listPersons,
  membersOn,
  updateCommittee,
  type CommitteeInput,
  type CommitteeRow,
  type MembershipInput,
} from './committees.ts';
import { meetingPlan } from './meetings.ts';
import { registerRoutes } from './register-routes.tsx';
import { meetingsManager, meetingsReader } from './roles.ts';

/**
 * Committees, mounted at /meetings: /committees (everyone with `meetings.view` reads; the
 * secretariat edits) and their memberships; the registers (/persons, /locations, /terms, /settings)
 * are in register-routes.tsx, mounted from here.
 */

export function committeeRoutes(database: Database) {
  const app = new Hono<AppEnv>();
  const today = () => copenhagenDate(new Date());

  const reader = meetingsReader;
  const manager = meetingsManager;
  async function committeeOf(c: Context<AppEnv>): Promise<CommitteeRow> {
    const committee = await getCommittee(database, Number(c.req.param('id')));
    if (!committee) throw notFound();
    return committee;
  }

  // --- Committees --------------------------------------------------------------------------
  app.get('/committees', async (c) => {
    const user = reader(c);
    const committees = await listCommittees(database, today());
    return render(c, {
      title: (v) => v.t('meetings.committees.title'),
      body: (v) => (
        <CommitteesIndexPage v={v} committees={committees} today={today()} manage={can(user, 'meetings.manage')} />
      ),
    });
  });

  async function committeePage(
    c: Context<AppEnv>,
    user: CurrentUser,
    committee: CommitteeRow,
    membership?: { input: MembershipInput; errors: FieldErrors },
  ) {
    const manage = can(user, 'meetings.manage');
    const year = toInt(c.req.query('year'), 2000, 2100) ?? Number(today().slice(0, 4));
    const [members, former, plan, persons] = await Promise.all([
      membersOn(database, committee.id, today()),
      formerMembers(database, committee.id, today()),
      meetingPlan(database, committee.id, year, manage),
      manage ? listPersons(database) : Promise.resolve([]),
    ]);
    const d = {
      committee,
      members,
      former,
      year,
      plan,
      manage,
      persons: persons.map((p) => ({ id: p.id, name: p.name, party: p.party })),
      membership: membership ?? { input: { personId: '', role: 'member', startsOn: today(), endsOn: '' }, errors: {} },
      today: today(),
    };
    return render(c, {
      title: committee.name,
      status: membership ? 422 : 200,
      body: (v) => <CommitteePage v={v} d={d} />,
    });
  }

  app.get('/committees/:id{[0-9]+}', async (c) => {
    const user = reader(c);
    return committeePage(c, user, await committeeOf(c));
  });

  async function committeeForm(
    c: Context<AppEnv>,
    mode: 'new' | 'edit',
    input: CommitteeInput,
    errors: FieldErrors = {},
    committee?: CommitteeRow,
  ) {
    // Deleting is offered only where it can succeed: a committee without meetings.
    const deletable = !!committee && !(await hasMeetings(database, committee.id));
    return render(c, {
      title: (v) =>
        mode === 'new'
          ? v.t('meetings.committee.form.newTitle')
          : v.t('meetings.committee.form.editTitle', { name: committee!.name }),
      status: Object.keys(errors).length ? 422 : 200,
      body: (v) => (
        <CommitteeFormPage
          v={v}
          mode={mode}
          committee={committee}
          input={input}
          errors={errors}
          deletable={deletable}
        />
      ),
    });
  }

  const readCommittee = (body: Record<string, unknown>): CommitteeInput => ({
    name: str(body, 'name', 300),
    shortName: str(body, 'shortName', 40),
    kind: str(body, 'kind', 20),
    mandate: str(body, 'mandate', 20_000),
    termStart: str(body, 'termStart', 20).trim(),
    termEnd: str(body, 'termEnd', 20).trim(),
    position: str(body, 'position', 10),
  });

  app.get('/committees/new', (c) => {
    manager(c);
    return committeeForm(c, 'new', emptyCommitteeInput());
  });

  app.post('/committees', async (c) => {
    const user = manager(c);
    const input = readCommittee(await c.req.parseBody());
    const result = await createCommittee(database, auditActor(user), input);
    if (!result.ok) return committeeForm(c, 'new', input, translateErrors(c.get('t'), result.errors));
    setFlash(c, { kind: 'success', key: 'meetings.committee.created' });
    return c.redirect(`/meetings/committees/${result.id}`, 303);
  });

  app.get('/committees/:id{[0-9]+}/edit', async (c) => {
    manager(c);
    const committee = await committeeOf(c);
    return committeeForm(c, 'edit', inputFromCommittee(committee), {}, committee);
  });

  app.post('/committees/:id{[0-9]+}', async (c) => {
    const user = manager(c);
    const committee = await committeeOf(c);
    const input = readCommittee(await c.req.parseBody());
    const result = await updateCommittee(database, auditActor(user), committee.id, input);
    if (!result.ok) return committeeForm(c, 'edit', input, translateErrors(c.get('t'), result.errors), committee);
    setFlash(c, { kind: 'success', key: 'meetings.committee.saved' });
    return c.redirect(`/meetings/committees/${committee.id}`, 303);
  });

  app.post('/committees/:id{[0-9]+}/deletion', async (c) => {
    const user = manager(c);
    const committee = await committeeOf(c);
    const result = await deleteCommittee(database, auditActor(user), committee);
    if (!result.ok) {
      setFlash(c, { kind: 'error', key: result.error });
      return c.redirect(`/meetings/committees/${committee.id}/edit`, 303);
    }
    setFlash(c, { kind: 'success', key: 'meetings.committee.deleted', params: { name: committee.name } });
    return c.redirect('/meetings/committees', 303);
  });

  app.post('/committees/:id{[0-9]+}/memberships', async (c) => {
    const user = manager(c);
    const committee = await committeeOf(c);
    const body = await c.req.parseBody();
    const input: MembershipInput = {
      personId: str(body, 'personId', 20),
      role: str(body, 'role', 20),
      startsOn: str(body, 'startsOn', 20).trim(),
      endsOn: str(body, 'endsOn', 20).trim(),
    };
    const result = await addMembership(database, auditActor(user), committee.id, input);
    if (!result.ok)
      return committeePage(c, user, committee, { input, errors: translateErrors(c.get('t'), result.errors) });
    setFlash(c, { kind: 'success', key: 'meetings.committee.memberAdded' });
    return c.redirect(`/meetings/committees/${committee.id}`, 303);
  });

  app.post('/committees/:id{[0-9]+}/memberships/:mid{[0-9]+}/end', async (c) => {
    const user = manager(c);
    const committee = await committeeOf(c);
    const endsOn = str(await c.req.parseBody(), 'endsOn', 20).trim();
    const result = await endMembership(database, auditActor(user), committee.id, Number(c.req.param('mid')), endsOn);
    setFlash(
      c,
      result.ok ? { kind: 'success', key: 'meetings.committee.memberEnded' } : { kind: 'error', key: result.error },
    );
    return c.redirect(`/meetings/committees/${committee.id}`, 303);
  });

  app.route('/', registerRoutes(database));

  return app;
}
