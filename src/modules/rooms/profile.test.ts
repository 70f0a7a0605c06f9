import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { createRoomsTestApp, type RoomsTestApp } from './rooms.fixtures.ts';

describe.each(DIALECTS)('rooms on a profile (%s)', (dialect) => {
  let t: RoomsTestApp;

  beforeAll(async () => {
    t = await createRoomsTestApp(dialect);
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  it('lists the open rooms a person is in, and a closed room only to those who are in it too', async () => {
    await t.room('sagsbehandler', { name: 'Åben byggegruppe' });
    await t.room('sagsbehandler', { name: 'Lukket personalegruppe', visibility: 'closed' });
    const asOutsider = await t.page('medarbejder', '/people/sagsbehandler');
    expect(asOutsider.status).toBe(200);
    expect(asOutsider.html).toContain('Åben byggegruppe');
    expect(asOutsider.html).not.toContain('Lukket personalegruppe');
    const asSelf = await t.page('sagsbehandler', '/people/sagsbehandler');
    expect(asSelf.html).toContain('Åben byggegruppe');
    expect(asSelf.html).toContain('Lukket personalegruppe');
  });

  it("shows my rooms on my page, and nobody else's", async () => {
    const mine = await t.page('sagsbehandler', '/me');
    expect(mine.status).toBe(200);
    expect(mine.html).toContain('Mine rum');
    expect(mine.html).toContain('Lukket personalegruppe');
    const other = await t.page('medarbejder', '/me');
    expect(other.html).toContain('Mine rum');
    expect(other.html).not.toContain('Lukket personalegruppe');
    expect(other.html).not.toContain('Åben byggegruppe');
  });
});
