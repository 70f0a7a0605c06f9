import { Hono, type Context } from 'hono';
import { toInt } from '../../db/sql.ts';
import type { FieldErrors } from '../../../views/components/form.tsx';
import {
  LocationFormPage,
  LocationsPage,
  PersonFormPage,
  PersonsPage,
  SettingsPage,
  type LocationsData,
} from '../../../views/meetings/Admin.tsx';
import { CommitteeFormPage, CommitteePage, CommitteesIndexPage } from '../../../views/meetings/Committees.tsx';
import { auditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
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
  createLocation,
  createPerson,
  createTerm,
  emptyCommitteeInput,
  emptyLocationInput,
  emptyPersonInput,
  endMembership,
  formerMembers,
  getCommittee,
  getPerson,
  inputFromCommittee,
  inputFromLocation,
  inputFromPerson,
  listCommittees,
  listLocations,
  listPersons,
  listTerms,
  membersOn,
  updateCommittee,
  updateLocation,
  updatePerson,
  type CommitteeInput,
  type CommitteeRow,
  type LocationInput,
  type MembershipInput,
  type PersonInput,
  type TermInput,
} from './committees.ts';
import { meetingPlan, noticeWorkingDays, setNoticeWorkingDays } from './meetings.ts';

/**
 * Committees and the secretariat's registers, mounted at /meetings: /committees (everyone with
 * `meetings.view` reads; the secretariat edits), /persons, /locations with /terms, and /settings
 * (the secretariat; the notice rule also for administrators).
 */

export function committeeRoutes(database: Database) {
  const app = new Hono<AppEnv>();
  const today = () => copenhagenDate(new Date());

  function reader(c: Context<AppEnv>): CurrentUser {
    const user = c.get('user');
    if (!user || !can(user, 'meetings.view')) throw forbidden();
    return user;
  }
  function manager(c: Context<AppEnv>): CurrentUser {
    const user = reader(c);
    if (!can(user, 'meetings.manage')) throw forbidden();
    return user;
  }
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

  // --- Council persons ---------------------------------------------------------------------
  app.get('/persons', async (c) => {
    manager(c);
    const persons = await listPersons(database);
    return render(c, {
      title: (v) => v.t('meetings.persons.title'),
      body: (v) => <PersonsPage v={v} persons={persons} />,
    });
  });

  const readPerson = (body: Record<string, unknown>): PersonInput => ({
    name: str(body, 'name', 200),
    party: str(body, 'party', 20),
    email: str(body, 'email', 200),
    phone: str(body, 'phone', 60),
    username: str(body, 'username', 100),
  });
  const personForm = (
    c: Context<AppEnv>,
    mode: 'new' | 'edit',
    input: PersonInput,
    errors: FieldErrors = {},
    person?: { id: number; name: string },
  ) =>
    render(c, {
      title: (v) =>
        mode === 'new' ? v.t('meetings.persons.new') : v.t('meetings.persons.editTitle', { name: person!.name }),
      status: Object.keys(errors).length ? 422 : 200,
      body: (v) => (
        <PersonFormPage v={v} mode={mode} personId={person?.id} name={person?.name} input={input} errors={errors} />
      ),
    });

  app.get('/persons/new', (c) => {
    manager(c);
    return personForm(c, 'new', emptyPersonInput());
  });

  app.post('/persons', async (c) => {
    const user = manager(c);
    const input = readPerson(await c.req.parseBody());
    const result = await createPerson(database, auditActor(user), input);
    if (!result.ok) return personForm(c, 'new', input, translateErrors(c.get('t'), result.errors));
    setFlash(c, { kind: 'success', key: 'meetings.persons.created' });
    return c.redirect('/meetings/persons', 303);
  });

  app.get('/persons/:id{[0-9]+}/edit', async (c) => {
    manager(c);
    const person = await getPerson(database, Number(c.req.param('id')));
    if (!person) throw notFound();
    return personForm(c, 'edit', await inputFromPerson(database, person), {}, person);
  });

  app.post('/persons/:id{[0-9]+}', async (c) => {
    const user = manager(c);
    const person = await getPerson(database, Number(c.req.param('id')));
    if (!person) throw notFound();
    const input = readPerson(await c.req.parseBody());
    const result = await updatePerson(database, auditActor(user), person.id, input);
    if (!result.ok) return personForm(c, 'edit', input, translateErrors(c.get('t'), result.errors), person);
    setFlash(c, { kind: 'success', key: 'meetings.persons.saved' });
    return c.redirect('/meetings/persons', 303);
  });

  // --- Locations and legislative terms -------------------------------------------------------
  async function locationsPage(
    c: Context<AppEnv>,
    o: { location?: LocationsData['location']; term?: LocationsData['term'] } = {},
  ) {
    const [locations, terms] = await Promise.all([listLocations(database), listTerms(database)]);
    const d: LocationsData = {
      locations,
      terms,
      location: o.location ?? { input: emptyLocationInput(), errors: {} },
      term: o.term ?? { input: { name: '', startsOn: '', endsOn: '' }, errors: {} },
    };
    return render(c, {
      title: (v) => v.t('meetings.locations.title'),
      status: o.location || o.term ? 422 : 200,
      body: (v) => <LocationsPage v={v} d={d} />,
    });
  }

  app.get('/locations', (c) => {
    manager(c);
    return locationsPage(c);
  });

  app.post('/locations', async (c) => {
    const user = manager(c);
    const body = await c.req.parseBody();
    const input = readLocation(body);
    const result = await createLocation(database, auditActor(user), input);
    if (!result.ok)
      return locationsPage(c, { location: { input, errors: translateErrors(c.get('t'), result.errors) } });
    setFlash(c, { kind: 'success', key: 'meetings.locations.created' });
    return c.redirect('/meetings/locations', 303);
  });

  const readLocation = (body: Record<string, unknown>): LocationInput => ({
    description: str(body, 'description', 300),
    room: str(body, 'room', 200),
    streetAddress: str(body, 'streetAddress', 300),
    postalCode: str(body, 'postalCode', 20),
    locality: str(body, 'locality', 200),
  });

  async function locationOf(c: Context<AppEnv>) {
    const id = Number(c.req.param('id'));
    const location = (await listLocations(database)).find((l) => l.id === id);
    if (!location) throw notFound();
    return location;
  }

  app.get('/locations/:id{[0-9]+}/edit', async (c) => {
    manager(c);
    const location = await locationOf(c);
    return render(c, {
      title: (v) => v.t('meetings.locations.title'),
      body: (v) => <LocationFormPage v={v} location={location} input={inputFromLocation(location)} errors={{}} />,
    });
  });

  app.post('/locations/:id{[0-9]+}', async (c) => {
    const user = manager(c);
    const location = await locationOf(c);
    const input = readLocation(await c.req.parseBody());
    const result = await updateLocation(database, auditActor(user), location.id, input);
    if (!result.ok) {
      const errors = translateErrors(c.get('t'), result.errors);
      return render(c, {
        title: (v) => v.t('meetings.locations.title'),
        status: 422,
        body: (v) => <LocationFormPage v={v} location={location} input={input} errors={errors} />,
      });
    }
    setFlash(c, { kind: 'success', key: 'meetings.saved' });
    return c.redirect('/meetings/locations', 303);
  });

  app.post('/terms', async (c) => {
    const user = manager(c);
    const body = await c.req.parseBody();
    const input: TermInput = {
      name: str(body, 'name', 200),
      startsOn: str(body, 'startsOn', 20).trim(),
      endsOn: str(body, 'endsOn', 20).trim(),
    };
    const result = await createTerm(database, auditActor(user), input);
    if (!result.ok) return locationsPage(c, { term: { input, errors: translateErrors(c.get('t'), result.errors) } });
    setFlash(c, { kind: 'success', key: 'meetings.terms.created' });
    return c.redirect('/meetings/locations', 303);
  });

  // --- Settings ----------------------------------------------------------------------------
  function settingsUser(c: Context<AppEnv>): CurrentUser {
    const user = c.get('user');
    if (!user || !(can(user, 'meetings.manage') || can(user, 'admin.view'))) throw forbidden();
    return user;
  }

  app.get('/settings', async (c) => {
    settingsUser(c);
    const value = String(await noticeWorkingDays(database));
    return render(c, {
      title: (v) => v.t('meetings.settings.title'),
      body: (v) => <SettingsPage v={v} value={value} />,
    });
  });

  app.post('/settings', async (c) => {
    const user = settingsUser(c);
    const value = str(await c.req.parseBody(), 'noticeDays', 10);
    const result = await setNoticeWorkingDays(database, auditActor(user), value);
    if (!result.ok) {
      const error = c.get('t')(result.error);
      return render(c, {
        title: (v) => v.t('meetings.settings.title'),
        status: 422,
        body: (v) => <SettingsPage v={v} value={value} error={error} />,
      });
    }
    setFlash(c, { kind: 'success', key: 'meetings.settings.saved' });
    return c.redirect('/meetings/settings', 303);
  });

  return app;
}
