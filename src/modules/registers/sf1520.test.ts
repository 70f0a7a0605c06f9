import { afterEach, describe, expect, it } from 'vitest';
import {
  bodyElement,
  clientTls,
  failure,
  haveXmllint,
  soap,
  soapFault,
  startLocalHub,
  strangerTls,
  validateAgainst,
  type Answer,
  type LocalHub,
} from '../../../test/helpers/serviceplatformen.ts';
import {
  SF1520_PATH,
  SF1520_SERVICE_UUID,
  SF1520_SOAP_ACTION,
  personLookupRequestXml,
  sf1520PersonRegister,
} from './sf1520.ts';

/**
 * The SF1520 client against a local HTTPS server that checks the client certificate and answers
 * in the contract's shapes (PersonBaseDataExtendedServiceMsg.xsd). Not the real hub.
 */

const NS = 'http://serviceplatformen.dk/xml/wsdl/soap11/CPR/PersonBaseDataExtended/4/';
const context = {
  serviceAgreementUuid: '11111111-2222-4333-8444-555555555555',
  userSystemUuid: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE',
  userUuid: '0a0b0c0d-1111-4222-8333-444455556666',
  accountingInfo: 'Sag 02.34.02-P19-12-26 & "byg"',
};
const today = () => new Date('2026-12-01T12:00:00Z');

const lookupResponse = (inner: string) =>
  `<ns:PersonLookupResponse xmlns:ns="${NS}">${inner}</ns:PersonLookupResponse>`;
const response = (inner: string) => soap(lookupResponse(inner));
const persondata = (extra = '') =>
  '<ns:persondata><ns:personnummer>0101901234</ns:personnummer>' +
  '<ns:navn><ns:personadresseringsnavn>Sørensen,Mette</ns:personadresseringsnavn><ns:fornavn>Mette</ns:fornavn>' +
  '<ns:efternavn>Sørensen</ns:efternavn></ns:navn>' +
  '<ns:antalBoernUnder18>0</ns:antalBoernUnder18>' +
  extra +
  '</ns:persondata>';
const address =
  '<ns:adresse><ns:aktuelAdresse><ns:kommunekode>101</ns:kommunekode><ns:husnummer>012</ns:husnummer>' +
  '<ns:etage>02</ns:etage><ns:sidedoer>tv</ns:sidedoer><ns:postnummer>0800</ns:postnummer>' +
  '<ns:postdistrikt>Høje Taastrup</ns:postdistrikt><ns:vejnavn>Østergade</ns:vejnavn>' +
  '<ns:vejadresseringsnavn>Østergade</ns:vejadresseringsnavn></ns:aktuelAdresse></ns:adresse>';

let hub: LocalHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

async function registerAnswering(answer: Answer | ((body: string) => Answer), opts: { timeoutMs?: number } = {}) {
  hub = await startLocalHub((r) => (typeof answer === 'function' ? answer(r.body) : answer));
  return sf1520PersonRegister({
    url: `${hub.url}${SF1520_PATH}`,
    tls: clientTls(),
    context,
    now: today,
    timeoutMs: opts.timeoutMs,
  });
}

describe('sf1520PersonRegister', () => {
  it('sends PersonLookup with the InvocationContext over mTLS and reads name and address', async () => {
    const register = await registerAnswering({
      status: 200,
      body: response(persondata('<ns:status><ns:status>1</ns:status></ns:status>') + address),
    });
    const person = await register.lookup('0101901234');
    expect(person).toEqual({
      cpr: '0101901234',
      name: 'Mette Sørensen',
      street: 'Østergade 12, 2. tv',
      postcode: '0800',
      city: 'Høje Taastrup',
      protectedAddress: false,
      deceased: false,
    });
    const [req] = hub!.received;
    expect(req).toMatchObject({ method: 'POST', path: SF1520_PATH, clientCn: 'Samspil Test Client (test only)' });
    expect(req!.headers.soapaction).toBe(`"${SF1520_SOAP_ACTION}"`);
    expect(req!.headers['content-type']).toBe('text/xml; charset=utf-8');
    const body = bodyElement(req!.body);
    expect(body).toContain(
      '<invctx:ServiceAgreementUUID>11111111-2222-4333-8444-555555555555</invctx:ServiceAgreementUUID>',
    );
    // Lower-cased, as the schema's UUID pattern demands.
    expect(body).toContain('<invctx:UserSystemUUID>aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee</invctx:UserSystemUUID>');
    expect(body).toContain(`<invctx:ServiceUUID>${SF1520_SERVICE_UUID}</invctx:ServiceUUID>`);
    expect(body).toContain(
      '<invctx:AccountingInfo>Sag 02.34.02-P19-12-26 &amp; &quot;byg&quot;</invctx:AccountingInfo>',
    );
    expect(body).toContain('<pnr:PNR>0101901234</pnr:PNR>');
  });

  it('answers null when the response holds no persondata (the contract has no other not-found answer)', async () => {
    const register = await registerAnswering({ status: 200, body: response('') });
    expect(await register.lookup('0101901234')).toBeNull();
  });

  it('reads adressebeskyttelse as a protected address, and status 90 as deceased', async () => {
    const protectedPerson = persondata(
      '<ns:status><ns:status>90</ns:status></ns:status>' +
        '<ns:adressebeskyttelse><ns:startdato>2020-01-01</ns:startdato><ns:beskyttet>true</ns:beskyttet></ns:adressebeskyttelse>',
    );
    const register = await registerAnswering({ status: 200, body: response(protectedPerson + address) });
    expect(await register.lookup('0101901234')).toMatchObject({
      protectedAddress: true,
      deceased: true,
      street: 'Østergade 12, 2. tv',
    });
  });

  it('takes a protection without beskyttet as in force until its end date', async () => {
    const protection = (end: string) =>
      response(
        persondata(`<ns:adressebeskyttelse><ns:startdato>2020-01-01</ns:startdato>${end}</ns:adressebeskyttelse>`),
      );
    let register = await registerAnswering({ status: 200, body: protection('') });
    expect(await register.lookup('0101901234')).toMatchObject({ protectedAddress: true });
    await hub!.close();
    register = await registerAnswering({ status: 200, body: protection('<ns:slutdato>2025-06-30</ns:slutdato>') });
    expect(await register.lookup('0101901234')).toMatchObject({ protectedAddress: false });
    await hub!.close();
    register = await registerAnswering({ status: 200, body: protection('<ns:slutdato>2027-06-30</ns:slutdato>') });
    expect(await register.lookup('0101901234')).toMatchObject({ protectedAddress: true });
  });

  it('turns a SOAP fault into a fault error with the ErrorList', async () => {
    const register = await registerAnswering({ status: 500, body: soapFault('SP-CPR-001', 'Ingen adgang') });
    const err = await failure(register.lookup('0101901234'));
    expect(err).toMatchObject({ kind: 'fault', status: 500, faultCode: 'soap:Server' });
    expect(err.details).toEqual([{ code: 'SP-CPR-001', text: 'Ingen adgang' }]);
  });

  it('times out on a server that never answers', async () => {
    const register = await registerAnswering('hang', { timeoutMs: 200 });
    const started = Date.now();
    const err = await failure(register.lookup('0101901234'));
    expect(err.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('times out on a server that stops in the middle of its answer', async () => {
    const register = await registerAnswering('hang-in-body', { timeoutMs: 300 });
    expect((await failure(register.lookup('0101901234'))).kind).toBe('timeout');
  });

  it('masks a CPR number the fault echoes', async () => {
    const register = await registerAnswering({ status: 500, body: soapFault('E404', 'PNR 0101901234 findes ikke') });
    const err = await failure(register.lookup('0101901234'));
    expect(err.details).toEqual([{ code: 'E404', text: 'PNR 010190-XXXX findes ikke' }]);
    expect(err.message).not.toContain('0101901234');
  });

  it('calls malformed XML, an unknown answer element and persondata without a name malformed', async () => {
    let register = await registerAnswering({ status: 200, body: '<soap:Envelope><soap:Body><unclosed>' });
    expect((await failure(register.lookup('0101901234'))).kind).toBe('malformed');
    await hub!.close();
    register = await registerAnswering({ status: 200, body: soap('<x:Something xmlns:x="urn:x"/>') });
    expect((await failure(register.lookup('0101901234'))).kind).toBe('malformed');
    await hub!.close();
    register = await registerAnswering({
      status: 200,
      body: '<html><body>Not SOAP</body></html>',
      contentType: 'text/html',
    });
    expect((await failure(register.lookup('0101901234'))).kind).toBe('malformed');
    await hub!.close();
    register = await registerAnswering({
      status: 200,
      body: response('<ns:persondata><ns:antalBoernUnder18>0</ns:antalBoernUnder18></ns:persondata>'),
    });
    expect((await failure(register.lookup('0101901234'))).kind).toBe('malformed');
  });

  it('reports HTTP 500 without a SOAP fault, and other statuses, as http errors', async () => {
    let register = await registerAnswering({ status: 500, body: 'Internal Server Error', contentType: 'text/plain' });
    expect(await failure(register.lookup('0101901234'))).toMatchObject({ kind: 'http', status: 500 });
    await hub!.close();
    register = await registerAnswering({ status: 503, body: '' });
    expect(await failure(register.lookup('0101901234'))).toMatchObject({ kind: 'http', status: 503 });
  });

  it('is refused by a server that does not trust its certificate', async () => {
    hub = await startLocalHub(() => ({ status: 200, body: response('') }));
    const register = sf1520PersonRegister({ url: `${hub.url}${SF1520_PATH}`, tls: strangerTls(), context });
    expect((await failure(register.lookup('0101901234'))).kind).toBe('network');
    expect(hub.received).toHaveLength(0);
  });

  it('refuses bad settings and numbers before it sends anything', async () => {
    expect(() =>
      sf1520PersonRegister({ url: 'https://x', tls: clientTls(), context: { ...context, userUuid: 'nope' } }),
    ).toThrow(/UserUUID must be a UUID/);
    const register = sf1520PersonRegister({ url: 'https://localhost:1', tls: clientTls(), context });
    await expect(register.lookup('0101901234</pnr:PNR>')).rejects.toThrow(/10 digits/);
  });
});

describe.skipIf(!haveXmllint)('SF1520 requests against the contract XSD', () => {
  const XSD = 'person-base-data-extended-service-contract/PersonBaseDataExtendedServiceMsg.xsd';

  it('what the client sends validates', async () => {
    const register = await registerAnswering({ status: 200, body: response('') });
    await register.lookup('0101901234');
    expect(validateAgainst(XSD, bodyElement(hub!.received[0]!.body))).toMatchObject({ ok: true });
  });

  it('the answers the local server gives are in the shape of the contract', () => {
    const protection =
      '<ns:adressebeskyttelse><ns:startdato>2020-01-01</ns:startdato><ns:beskyttet>true</ns:beskyttet></ns:adressebeskyttelse>';
    for (const inner of ['', persondata('<ns:status><ns:status>90</ns:status></ns:status>' + protection) + address]) {
      expect(validateAgainst(XSD, lookupResponse(inner))).toMatchObject({ ok: true });
    }
  });

  it('the check works: a request without ServiceUUID does not validate', () => {
    const xml = personLookupRequestXml({ ...context, serviceUuid: SF1520_SERVICE_UUID }, '0101901234').replace(
      /<invctx:ServiceUUID>[^<]*<\/invctx:ServiceUUID>/,
      '',
    );
    expect(validateAgainst(XSD, xml)).toMatchObject({ ok: false });
  });
});
