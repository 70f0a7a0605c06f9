import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/helpers/db.ts';
import {
  FIXTURES,
  soap,
  soapFault,
  startLocalHub,
  type Answer,
  type LocalHub,
} from '../../../test/helpers/serviceplatformen.ts';
import { ServiceplatformenError } from '../serviceplatformen/index.ts';
import { registersFor } from './choose.ts';
import { lookupPerson, type RegisterViewer } from './registers.ts';
import { SF1520_PATH } from './sf1520.ts';

/**
 * REGISTERS and SERVICEPLATFORMEN_* as the app reads them, and a CPR lookup through the whole
 * chain: loadConfig → registersFor → lookupPerson → SF1520 against a local HTTPS server.
 */

const CERTS = path.join(FIXTURES, 'certs');
const spEnv = (url: string): NodeJS.ProcessEnv => ({
  REGISTERS: 'serviceplatformen',
  SERVICEPLATFORMEN_URL: url,
  SERVICEPLATFORMEN_CERT: path.join(CERTS, 'client.crt'),
  SERVICEPLATFORMEN_KEY: path.join(CERTS, 'client.key'),
  SERVICEPLATFORMEN_CA: path.join(CERTS, 'ca.crt'),
  SERVICEPLATFORMEN_USER_SYSTEM_UUID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  SERVICEPLATFORMEN_USER_UUID: '0a0b0c0d-1111-4222-8333-444455556666',
  SERVICEPLATFORMEN_CPR_SERVICE_AGREEMENT_UUID: '11111111-2222-4333-8444-555555555555',
  SERVICEPLATFORMEN_CVR_SERVICE_AGREEMENT_UUID: '66666666-2222-4333-8444-555555555555',
  SERVICEPLATFORMEN_TIMEOUT_MS: '2000',
});

describe('REGISTERS and SERVICEPLATFORMEN_* in loadConfig', () => {
  it('defaults to the local registers and the folder drop, without Serviceplatformen settings', () => {
    expect(loadConfig({})).toMatchObject({
      registers: 'local',
      digitalPostTransport: 'folder',
      serviceplatformen: null,
    });
  });

  it('names what is missing or wrong', () => {
    expect(() => loadConfig({ REGISTERS: 'cpr' })).toThrow(/REGISTERS must be one of local, serviceplatformen/);
    const env = spEnv('https://hub.example');
    expect(() => loadConfig({ ...env, SERVICEPLATFORMEN_USER_UUID: '' })).toThrow(
      /SERVICEPLATFORMEN_USER_UUID is required with REGISTERS=serviceplatformen/,
    );
    expect(() => loadConfig({ ...env, SERVICEPLATFORMEN_CPR_SERVICE_AGREEMENT_UUID: 'x' })).toThrow(/must be a UUID/);
    expect(() => loadConfig({ ...env, SERVICEPLATFORMEN_URL: 'http://hub.example' })).toThrow(/must be https/);
    expect(() => loadConfig({ ...env, REGISTERS: 'local', DIGITAL_POST_TRANSPORT: 'sf1601' })).toThrow(
      /SERVICEPLATFORMEN_STS_URL is required with DIGITAL_POST_TRANSPORT=sf1601/,
    );
  });

  it('reads the settings, UUIDs lower-cased', () => {
    const config = loadConfig({
      ...spEnv('https://hub.example/'),
      SERVICEPLATFORMEN_USER_UUID: '0A0B0C0D-1111-4222-8333-444455556666',
    });
    expect(config.serviceplatformen).toMatchObject({
      url: 'https://hub.example',
      userUuid: '0a0b0c0d-1111-4222-8333-444455556666',
      caFile: path.join(CERTS, 'ca.crt'),
      timeoutMs: 2000,
      stsUrl: null,
    });
  });
});

const caseworker: RegisterViewer = {
  id: 'u-cw',
  roles: ['caseworker'],
  orgUnitId: null,
  displayName: 'Sara Sagsbehandler',
};
const NS = 'http://serviceplatformen.dk/xml/wsdl/soap11/CPR/PersonBaseDataExtended/4/';
const protectedPerson = soap(
  `<ns:PersonLookupResponse xmlns:ns="${NS}"><ns:persondata><ns:personnummer>0101951234</ns:personnummer>` +
    '<ns:navn><ns:personadresseringsnavn>Æbeltoft,Mads</ns:personadresseringsnavn></ns:navn>' +
    '<ns:antalBoernUnder18>0</ns:antalBoernUnder18>' +
    '<ns:adressebeskyttelse><ns:beskyttet>true</ns:beskyttet></ns:adressebeskyttelse></ns:persondata>' +
    '<ns:adresse><ns:aktuelAdresse><ns:postnummer>8600</ns:postnummer><ns:postdistrikt>Silkeborg</ns:postdistrikt>' +
    '<ns:vejnavn>Søndergade</ns:vejnavn></ns:aktuelAdresse></ns:adresse></ns:PersonLookupResponse>',
);

describe.each(DIALECTS)('a CPR lookup through Serviceplatformen (%s)', (dialect) => {
  let t: TestDatabase;
  let hub: LocalHub | null = null;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await hub?.close();
    hub = null;
    await t.cleanup();
  });

  const registersAnswering = async (answer: Answer) => {
    hub = await startLocalHub(() => answer);
    return registersFor(t.database, loadConfig(spEnv(hub.url)));
  };
  const auditDetails = async () =>
    (
      await t.database.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'register.cpr.lookup')
        .execute()
    ).map((r) => JSON.parse(r.details!) as unknown);

  it('keeps a protected address from a caseworker, and audits the lookup with its purpose', async () => {
    const { persons } = await registersAnswering({ status: 200, body: protectedPerson });
    const result = await lookupPerson(t.database, persons, caseworker, '010195-1234', { purpose: { caseId: 7 } });
    expect(result).toEqual({
      status: 'found',
      cpr: '0101951234',
      name: 'Mads Æbeltoft',
      address: null,
      addressProtected: true,
      deceased: false,
    });
    expect(hub!.received[0]!.path).toBe(SF1520_PATH);
    expect(hub!.received[0]!.body).toContain('<invctx:ServiceAgreementUUID>11111111-2222-4333-8444-555555555555<');
    expect(await auditDetails()).toEqual([
      { cpr: '010195-XXXX', purpose: { caseId: 7 }, found: true, addressShown: false },
    ]);
  });

  it('audits a lookup the hub answers with a fault, and passes the error on', async () => {
    const { persons } = await registersAnswering({ status: 500, body: soapFault('E1', 'Ingen adgang') });
    const err = await lookupPerson(t.database, persons, caseworker, '010195-1234', { purpose: { caseId: 7 } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ServiceplatformenError);
    expect(await auditDetails()).toEqual([{ cpr: '010195-XXXX', purpose: { caseId: 7 }, failed: 'fault' }]);
  });
});
