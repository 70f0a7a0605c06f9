import type { TestApp } from '../../../test/helpers/app.ts';

/**
 * A subject case (KLE 02.34.02 from insertTestKle) in the unit of the demo's caseworker, created
 * through the form by whoever `cookie` signs in; returns its id. For the letters' and the party
 * look-up's tests (and any other that needs a plain case).
 */
export async function createTestCase(t: TestApp, cookie: string, fields: Record<string, string> = {}): Promise<number> {
  const unit = (
    await t.db.database.db
      .selectFrom('users')
      .select('org_unit_id')
      .where('username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow()
  ).org_unit_id!;
  const res = await t.post(
    '/cases',
    {
      type: 'subject',
      title: 'Carport Østergade 12',
      kleNumber: '02.34.02',
      facetCode: 'P20',
      unitId: String(unit),
      ...fields,
    },
    { cookie },
  );
  if (res.status !== 303) throw new Error(`creating the test case answered ${res.status}`);
  return Number(res.headers.get('location')!.split('/').pop());
}
