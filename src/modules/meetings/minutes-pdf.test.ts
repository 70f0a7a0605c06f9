import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { pageTexts } from '../../../test/helpers/pdf.ts';
import { buildPublicFixture, OPEN, SECRETS, type PublicFixture } from '../../../test/helpers/public-fixture.ts';

describe.each(DIALECTS)('meetings: agenda and minutes PDFs for signed-in readers (%s)', (dialect) => {
  let t: TestApp;
  let f: PublicFixture;
  let employee: string;
  let politician: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await buildPublicFixture(t);
    employee = await t.signIn('medarbejder');
    politician = await t.signIn('politiker');
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  const pdfText = async (res: Response) =>
    (await pageTexts(new Uint8Array(await res.arrayBuffer()))).join(' ').replace(/\s+/g, ' ');

  it('gives an employee the approved minutes without the closed decision, and a member with it', async () => {
    const asEmployee = await t.get(`/meetings/${f.meetingId}/minutes.pdf`, { cookie: employee });
    expect(asEmployee.status).toBe(200);
    expect(asEmployee.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(asEmployee);
    expect(text).toContain(OPEN.decision.split(' ')[0]!);
    expect(text.replace(/\s+/g, '')).not.toContain(SECRETS.closedDecision.replace(/\s+/g, ''));

    const asMember = await t.get(`/meetings/${f.meetingId}/minutes.pdf`, { cookie: politician });
    expect(asMember.status).toBe(200);
    expect((await pdfText(asMember)).replace(/\s+/g, '')).toContain(SECRETS.closedDecision.replace(/\s+/g, ''));
  });

  it('keeps minutes awaiting approval from employees but not from the members who approve them', async () => {
    expect((await t.get(`/meetings/${f.pendingId}/minutes.pdf`, { cookie: employee })).status).toBe(404);
    const asMember = await t.get(`/meetings/${f.pendingId}/minutes.pdf`, { cookie: politician });
    expect(asMember.status).toBe(200);
    expect((await pdfText(asMember)).replace(/\s+/g, '')).toContain(SECRETS.pendingDecision.replace(/\s+/g, ''));
  });
});
