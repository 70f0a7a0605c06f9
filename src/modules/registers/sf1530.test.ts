import { afterEach, describe, expect, it } from 'vitest';
import {
  bodyElement,
  clientTls,
  failure,
  haveXmllint,
  soap,
  soapFault,
  startLocalHub,
  validateAgainst,
  type Answer,
  type LocalHub,
} from '../../../test/helpers/serviceplatformen.ts';
import {
  SF1530_PATH,
  SF1530_SERVICE_UUID,
  SF1530_SOAP_ACTION,
  getLegalUnitRequestXml,
  sf1530CompanyRegister,
} from './sf1530.ts';

/**
 * The SF1530 client against a local HTTPS server that checks the client certificate and answers
 * in the contract's shapes (OnlineServiceMsg.xsd and the CVR schemas). Not the real hub.
 */

const context = {
  serviceAgreementUuid: '11111111-2222-4333-8444-555555555555',
  userSystemUuid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  userUuid: '0a0b0c0d-1111-4222-8333-444455556666',
};

const NAMESPACES =
  'xmlns:msg="http://rep.oio.dk/eogs/xml/2/" xmlns:cvr="http://rep.oio.dk/eogs/xml.wsdl/" ' +
  'xmlns:s="http://rep.oio.dk/eogs/xml.schema/" xmlns:cvr2005="http://rep.oio.dk/cvr.dk/xml/schemas/2005/03/22/" ' +
  'xmlns:dkcc2005="http://rep.oio.dk/ebxml/xml/schemas/dkcc/2005/03/15/" ' +
  'xmlns:dkcc2003="http://rep.oio.dk/ebxml/xml/schemas/dkcc/2003/02/13/" ' +
  'xmlns:itst="http://rep.oio.dk/itst.dk/xml/schemas/2005/06/24/"';

const legalUnitResponse = (unit: string) =>
  `<msg:GetLegalUnitResponse ${NAMESPACES}><cvr:GetLegalUnitResponse>${unit}</cvr:GetLegalUnitResponse></msg:GetLegalUnitResponse>`;

const legalUnit = (opts: { ceased?: boolean; careOf?: boolean } = {}) =>
  '<s:LegalUnit versionIdentifier="3"><s:LegalUnitIdentifier>29189757</s:LegalUnitIdentifier>' +
  '<s:LegalUnitName sequenceNumber="1" validFromDate="2005-01-01"><s:name>Byg &amp; Anlæg ApS</s:name></s:LegalUnitName>' +
  '<s:AdvertisingProtectionIndicator>false</s:AdvertisingProtectionIndicator>' +
  '<cvr2005:ExporterIndicator>false</cvr2005:ExporterIndicator><cvr2005:ImporterIndicator>false</cvr2005:ImporterIndicator>' +
  `<s:Lifecycle><s:StartDate>2005-01-01</s:StartDate>${opts.ceased ? '<s:CessationDate>2024-03-31</s:CessationDate>' : ''}</s:Lifecycle>` +
  '<s:AddressOfficial validFromDate="2010-01-01"><s:AddressPostalExtended>' +
  '<dkcc2005:StreetName>Østergade</dkcc2005:StreetName><dkcc2003:StreetBuildingIdentifier>12A</dkcc2003:StreetBuildingIdentifier>' +
  '<dkcc2003:FloorIdentifier>2</dkcc2003:FloorIdentifier><dkcc2003:SuiteIdentifier>tv</dkcc2003:SuiteIdentifier>' +
  '<dkcc2005:PostCodeIdentifier>2630</dkcc2005:PostCodeIdentifier><dkcc2005:DistrictName>Taastrup</dkcc2005:DistrictName>' +
  (opts.careOf ? '<itst:CareOfName>Advokat Hansen</itst:CareOfName>' : '') +
  '</s:AddressPostalExtended>' +
  '<dkcc2003:CountryIdentificationCode scheme="iso3166-alpha2">DK</dkcc2003:CountryIdentificationCode>' +
  '</s:AddressOfficial></s:LegalUnit>';

let hub: LocalHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

async function registerAnswering(answer: Answer, opts: { timeoutMs?: number } = {}) {
  hub = await startLocalHub(() => answer);
  return sf1530CompanyRegister({
    url: `${hub.url}${SF1530_PATH}`,
    tls: clientTls(),
    context,
    timeoutMs: opts.timeoutMs,
  });
}

describe('sf1530CompanyRegister', () => {
  it('sends getLegalUnit with the InvocationContext over mTLS and reads name, address and status', async () => {
    const register = await registerAnswering({ status: 200, body: soap(legalUnitResponse(legalUnit())) });
    expect(await register.lookup('29189757')).toEqual({
      cvr: '29189757',
      name: 'Byg & Anlæg ApS',
      address: 'Østergade 12A, 2. tv',
      postcode: '2630',
      city: 'Taastrup',
      status: 'active',
    });
    const [req] = hub!.received;
    expect(req).toMatchObject({ method: 'POST', path: SF1530_PATH, clientCn: 'Samspil Test Client (test only)' });
    expect(req!.headers.soapaction).toBe(`"${SF1530_SOAP_ACTION}"`);
    const body = bodyElement(req!.body);
    expect(body).toContain(`<invctx:ServiceUUID>${SF1530_SERVICE_UUID}</invctx:ServiceUUID>`);
    expect(body).toContain(
      '<cvr:GetLegalUnitRequest level="1"><cvrs:LegalUnitIdentifier>29189757</cvrs:LegalUnitIdentifier>',
    );
  });

  it('reads a ceased unit and a c/o name', async () => {
    const register = await registerAnswering({
      status: 200,
      body: soap(legalUnitResponse(legalUnit({ ceased: true, careOf: true }))),
    });
    expect(await register.lookup('29189757')).toMatchObject({
      status: 'ceased',
      address: 'c/o Advokat Hansen, Østergade 12A, 2. tv',
    });
  });

  it('answers null when the response holds no LegalUnit', async () => {
    const register = await registerAnswering({ status: 200, body: soap(legalUnitResponse('')) });
    expect(await register.lookup('29189757')).toBeNull();
  });

  it('turns a SOAP fault into a fault error', async () => {
    const register = await registerAnswering({ status: 500, body: soapFault('CVR-404', 'Ukendt enhed') });
    expect(await failure(register.lookup('29189757'))).toMatchObject({
      kind: 'fault',
      details: [{ code: 'CVR-404', text: 'Ukendt enhed' }],
    });
  });

  it('times out on a server that never answers', async () => {
    const register = await registerAnswering('hang', { timeoutMs: 200 });
    expect((await failure(register.lookup('29189757'))).kind).toBe('timeout');
  });

  it('calls a broken answer or one without the inner response malformed', async () => {
    let register = await registerAnswering({ status: 200, body: 'not xml at all', contentType: 'text/xml' });
    expect((await failure(register.lookup('29189757'))).kind).toBe('malformed');
    await hub!.close();
    register = await registerAnswering({ status: 200, body: soap(`<msg:GetLegalUnitResponse ${NAMESPACES}/>`) });
    expect((await failure(register.lookup('29189757'))).kind).toBe('malformed');
  });

  it('reports HTTP 500 without a fault as an http error', async () => {
    const register = await registerAnswering({ status: 500, body: '<html>oops</html>', contentType: 'text/html' });
    expect(await failure(register.lookup('29189757'))).toMatchObject({ kind: 'http', status: 500 });
  });

  it('sends only an 8-digit CVR number', async () => {
    const register = sf1530CompanyRegister({ url: 'https://localhost:1', tls: clientTls(), context });
    await expect(register.lookup('1234<x>')).rejects.toThrow(/8-digit/);
  });
});

describe.skipIf(!haveXmllint)('SF1530 requests against the contract XSD', () => {
  const XSD = 'online-service-contract/OnlineServiceMsg.xsd';

  it('what the client sends validates', async () => {
    const register = await registerAnswering({ status: 200, body: soap(legalUnitResponse('')) });
    await register.lookup('29189757');
    expect(validateAgainst(XSD, bodyElement(hub!.received[0]!.body))).toMatchObject({ ok: true });
  });

  it('the answers the local server gives are in the shape of the contract', () => {
    for (const unit of ['', legalUnit(), legalUnit({ ceased: true, careOf: true })]) {
      expect(validateAgainst(XSD, legalUnitResponse(unit))).toMatchObject({ ok: true });
    }
  });

  it('the check works: a request without the level attribute does not validate', () => {
    const xml = getLegalUnitRequestXml({ ...context, serviceUuid: SF1530_SERVICE_UUID }, '29189757').replace(
      ' level="1"',
      '',
    );
    expect(validateAgainst(XSD, xml)).toMatchObject({ ok: false });
  });
});
