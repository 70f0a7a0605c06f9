import {
  bool,
  checkInvocationContext,
  child,
  INVOCATION_CONTEXT_NS,
  invocationContextXml,
  ServiceplatformenError,
  soapCall,
  text,
  xmlEscape,
  type InvocationContext,
  type TlsMaterial,
  type XmlNode,
} from '../serviceplatformen/index.ts';
import type { PersonRegister, RegisterPerson } from './registers.ts';

/**
 * The CPR register through Serviceplatformen: SF1520 "CPR PersonBaseDataExtended" version 4,
 * operation PersonLookup (SOAP 1.1, the "context" binding: HTTPS with the municipality's
 * certificate and the InvocationContext in the request). Built from the published contract
 * (test/fixtures/serviceplatformen/person-base-data-extended-service-contract) and tested against
 * a local server that answers in its shapes; it has not been tried against the real hub.
 */

export const SF1520_NS = 'http://serviceplatformen.dk/xml/wsdl/soap11/CPR/PersonBaseDataExtended/4/';
export const SF1520_PNR_NS = 'http://serviceplatformen.dk/xml/schemas/cpr/PNR/1/';
export const SF1520_SOAP_ACTION = `${SF1520_NS}PersonLookup`;
export const SF1520_PATH = '/service/CPR/PersonBaseDataExtended/4';
/** service.uuid of the contract's service.properties: the ServiceUUID of the InvocationContext. */
export const SF1520_SERVICE_UUID = 'e6be2436-bf35-4df2-83fe-925142825dc2';

/** CPR status 90: "Inaktiv, død" (statusTypeType in PersonBaseDataExtendedServiceTypes.xsd). */
const STATUS_DECEASED = '90';

export interface Sf1520Options {
  /** The service endpoint, e.g. https://prod.serviceplatformen.dk/service/CPR/PersonBaseDataExtended/4. */
  url: string;
  tls: TlsMaterial;
  /** The ServiceUUID defaults to SF1520's. */
  context: Omit<InvocationContext, 'serviceUuid'> & { serviceUuid?: string };
  timeoutMs?: number;
  /** Today, for a protection whose end date has passed (tests inject it). */
  now?: () => Date;
}

/** The PersonLookupRequest element, namespaces declared on it (validates against the contract's XSD). */
export function personLookupRequestXml(ctx: InvocationContext, cpr: string): string {
  return (
    `<pbd:PersonLookupRequest xmlns:pbd="${SF1520_NS}" xmlns:invctx="${INVOCATION_CONTEXT_NS}" ` +
    `xmlns:pnr="${SF1520_PNR_NS}">` +
    invocationContextXml(ctx, 'invctx') +
    `<pnr:PNR>${xmlEscape(cpr)}</pnr:PNR>` +
    '</pbd:PersonLookupRequest>'
  );
}

export function sf1520PersonRegister(options: Sf1520Options): PersonRegister {
  const ctx = checkInvocationContext({
    ...options.context,
    serviceUuid: options.context.serviceUuid ?? SF1520_SERVICE_UUID,
  });
  const now = options.now ?? (() => new Date());
  return {
    async lookup(cpr) {
      if (!/^\d{10}$/.test(cpr)) throw new Error('SF1520 PersonLookup needs 10 digits');
      const answer = await soapCall({
        url: options.url,
        soapAction: SF1520_SOAP_ACTION,
        body: personLookupRequestXml(ctx, cpr),
        tls: options.tls,
        timeoutMs: options.timeoutMs,
        what: 'SF1520 PersonLookup',
      });
      if (answer.name !== 'PersonLookupResponse') {
        throw new ServiceplatformenError('malformed', `SF1520 PersonLookup: unexpected answer ${answer.name}`);
      }
      return personFromResponse(answer.node, cpr, now());
    },
  };
}

/**
 * Maps a PersonLookupResponse to a RegisterPerson. The contract has no separate "not found"
 * answer: every part of the response is optional, and a response without `persondata` is the
 * register having no such person (null).
 */
export function personFromResponse(response: XmlNode, cpr: string, today: Date): RegisterPerson | null {
  const data = child(response, 'persondata');
  if (!data) return null;
  const navn = child(data, 'navn');
  const name = navn ? personName(navn) : null;
  if (!name) throw new ServiceplatformenError('malformed', 'SF1520 PersonLookup: persondata without a name');
  const address = child(child(response, 'adresse'), 'aktuelAdresse');
  return {
    cpr: text(data, 'personnummer') ?? cpr,
    name,
    street: address ? streetLine(address) : null,
    postcode: address ? text(address, 'postnummer') : null,
    city: address ? (text(address, 'postdistrikt') ?? text(address, 'bynavn')) : null,
    protectedAddress: isProtected(child(data, 'adressebeskyttelse'), today),
    deceased: text(child(data, 'status'), 'status') === STATUS_DECEASED,
  };
}

function personName(navn: XmlNode): string | null {
  const parts = ['fornavn', 'mellemnavn', 'efternavn'].map((n) => text(navn, n)).filter((p): p is string => !!p);
  if (parts.length) return parts.join(' ');
  // personadresseringsnavn is the addressing form "Efternavn,Fornavn Mellemnavn".
  const addressing = text(navn, 'personadresseringsnavn');
  if (!addressing) return null;
  const comma = addressing.indexOf(',');
  return comma < 0 ? addressing : `${addressing.slice(comma + 1).trim()} ${addressing.slice(0, comma).trim()}`.trim();
}

/** "Vejnavn 12A, 2. tv": from the parts, or the register's own standardadresse. */
function streetLine(a: XmlNode): string | null {
  const street = text(a, 'vejadresseringsnavn') ?? text(a, 'vejnavn');
  if (!street) return text(a, 'standardadresse');
  // CPR writes house numbers and floors zero-padded ("012", "02").
  const unpad = (s: string | null) => (s ? s.replace(/^0+(?=\w)/, '') : null);
  const house = unpad(text(a, 'husnummer'));
  const floor = unpad(text(a, 'etage'));
  const door = text(a, 'sidedoer');
  let line = house ? `${street} ${house}` : street;
  if (floor || door)
    line += `, ${[floor ? (/^\d+$/.test(floor) ? `${floor}.` : floor) : null, door].filter(Boolean).join(' ')}`;
  const co = text(a, 'conavn');
  return co ? `${co}, ${line}` : line;
}

/**
 * adressebeskyttelse (beskyttelseType: startdato, slutdato, beskyttet). `beskyttet` decides when
 * present; without it, a protection that has started and not ended counts. In doubt the address
 * is protected: hiding it by mistake costs a phone call, showing it can cost a life.
 */
function isProtected(protection: XmlNode | null, today: Date): boolean {
  if (!protection) return false;
  const flag = bool(protection, 'beskyttet');
  if (flag !== null) return flag;
  // The day in Denmark (the register's dates are Danish calendar days); sv-SE writes YYYY-MM-DD.
  const day = today.toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
  const end = text(protection, 'slutdato');
  return !end || end.slice(0, 10) >= day;
}
