import { Hono, type Context } from 'hono';
import type { FieldErrors } from '../../../views/components/form.tsx';
import {
  LocationFormPage,
  LocationsPage,
  PersonFormPage,
  PersonsPage,
  SettingsPage,
  type LocationsData,
} from '../../../views/meetings/Admin.tsx';
import { auditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { str, translateErrors } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { can } from '../../policy/index.ts';
import {
  createLocation,
  createPerson,
  createTerm,
  emptyLocationInput,
  emptyPersonInput,
  getPerson,
  inputFromLocation,
  inputFromPerson,
  listLocations,
  listPersons,
  listTerms,
  updateLocation,
  updatePerson,
  type LocationInput,
  type PersonInput,
  type TermInput,
} from './committees.ts';
import { noticeWorkingDays, setNoticeWorkingDays } from './meetings.ts';
import { meetingsManager as manager } from './roles.ts';

/**
 * The secretariat's registers, mounted at /meetings (through committeeRoutes): council persons
 * (/persons), meeting places (/locations), legislative terms (/terms) and the notice rule
 * (/settings: the secretariat, and administrators).
 */
export function registerRoutes(database: Database) {
  const app = new Hono<AppEnv>();

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
