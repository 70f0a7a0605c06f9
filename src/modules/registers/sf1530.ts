import {
  child,
  checkInvocationContext,
  INVOCATION_CONTEXT_NS,
  invocationContextXml,
  ServiceplatformenError,
  soapCall,
  text,
  type InvocationContext,
  type TlsMaterial,
  type XmlNode,
} from '../serviceplatformen/index.ts';
import type { CompanyRegister, RegisterCompany } from './registers.ts';

/**
 * The CVR register through Serviceplatformen: SF1530 "CVR Online" version 2, operation
 * getLegalUnit (SOAP 1.1, the "context" binding: HTTPS with the municipality's certificate and
 * the InvocationContext in the request). Built from the published contract
 * (test/fixtures/serviceplatformen/online-service-contract) and tested against a local server
 * that answers in its shapes; it has not been tried against the real hub.
 */

/** The message namespace (OnlineServiceMsg.xsd). */
export const SF1530_MSG_NS = 'http://rep.oio.dk/eogs/xml/2/';
/** The CVR service's own request/response elements (CvrServiceSourceSystem_schema.xsd). */
export const SF1530_CVR_NS = 'http://rep.oio.dk/eogs/xml.wsdl/';
/** The CVR data elements: LegalUnit, LegalUnitIdentifier … (CvrServiceSourceSystem_schema_1.xsd). */
export const SF1530_SCHEMA_NS = 'http://rep.oio.dk/eogs/xml.schema/';
export const SF1530_SOAP_ACTION = 'http://rep.oio.dk/eogs/xml.wsdl/2/getLegalUnit';
export const SF1530_PATH = '/service/CVR/Online/2';
/** service.uuid of the contract's service.properties: the ServiceUUID of the InvocationContext. */
export const SF1530_SERVICE_UUID = 'c0daecde-e278-43b7-84fd-477bfeeea027';

export interface Sf1530Options {
  /** The service endpoint, e.g. https://prod.serviceplatformen.dk/service/CVR/Online/2. */
  url: string;
  tls: TlsMaterial;
  /** The ServiceUUID defaults to SF1530's. */
  context: Omit<InvocationContext, 'serviceUuid'> & { serviceUuid?: string };
  timeoutMs?: number;
  /**
   * The `level` attribute of GetLegalUnitRequest (a positive integer: how much of the unit to
   * return). The contract does not say what each level holds; 1 is asked for by default.
   */
  level?: number;
}

/** The GetLegalUnitRequest element, namespaces declared on it (validates against the contract's XSD). */
export function getLegalUnitRequestXml(ctx: InvocationContext, cvr: string, level = 1): string {
  return (
    `<msg:GetLegalUnitRequest xmlns:msg="${SF1530_MSG_NS}" xmlns:invctx="${INVOCATION_CONTEXT_NS}" ` +
    `xmlns:cvr="${SF1530_CVR_NS}" xmlns:cvrs="${SF1530_SCHEMA_NS}">` +
    invocationContextXml(ctx, 'invctx') +
    `<cvr:GetLegalUnitRequest level="${level}"><cvrs:LegalUnitIdentifier>${cvr}</cvrs:LegalUnitIdentifier>` +
    '</cvr:GetLegalUnitRequest></msg:GetLegalUnitRequest>'
  );
}

export function sf1530CompanyRegister(options: Sf1530Options): CompanyRegister {
  const ctx = checkInvocationContext({
    ...options.context,
    serviceUuid: options.context.serviceUuid ?? SF1530_SERVICE_UUID,
  });
  const level = options.level ?? 1;
  if (!Number.isInteger(level) || level < 1) throw new Error('SF1530 level must be a positive whole number');
  return {
    async lookup(cvr) {
      // LegalUnitIdentifierType: an integer 10000000–99999999, so only 8 digits go in (no escaping needed).
      if (!/^[1-9]\d{7}$/.test(cvr)) throw new Error('SF1530 getLegalUnit needs an 8-digit CVR number');
      const answer = await soapCall({
        url: options.url,
        soapAction: SF1530_SOAP_ACTION,
        body: getLegalUnitRequestXml(ctx, cvr, level),
        tls: options.tls,
        timeoutMs: options.timeoutMs,
        what: 'SF1530 getLegalUnit',
      });
      if (answer.name !== 'GetLegalUnitResponse') {
        throw new ServiceplatformenError('malformed', `SF1530 getLegalUnit: unexpected answer ${answer.name}`);
      }
      return companyFromResponse(answer.node, cvr);
    },
  };
}

/**
 * Maps the outer GetLegalUnitResponse (msg) to a RegisterCompany. It holds the CVR service's own
 * GetLegalUnitResponse, whose LegalUnit is optional: without it the register has no such unit
 * (null).
 */
export function companyFromResponse(response: XmlNode, cvr: string): RegisterCompany | null {
  const inner = child(response, 'GetLegalUnitResponse');
  if (!inner) throw new ServiceplatformenError('malformed', 'SF1530 getLegalUnit: no inner GetLegalUnitResponse');
  const unit = child(inner, 'LegalUnit');
  if (!unit) return null;
  const name = text(child(unit, 'LegalUnitName'), 'name');
  if (!name) throw new ServiceplatformenError('malformed', 'SF1530 getLegalUnit: LegalUnit without a name');
  const official = child(unit, 'AddressOfficial');
  const postal = child(official, 'AddressPostalExtended');
  const ceased = text(child(unit, 'Lifecycle'), 'CessationDate');
  return {
    cvr: text(unit, 'LegalUnitIdentifier') ?? cvr,
    name,
    address: postal ? streetLine(postal) : text(official, 'AddressLineText'),
    postcode: text(postal, 'PostCodeIdentifier'),
    city: text(postal, 'DistrictName'),
    status: ceased ? 'ceased' : 'active',
  };
}

/** "StreetName 12A, 2. tv" from AddressPostalType (xkom) and its CVR extension. */
function streetLine(p: XmlNode): string | null {
  const street = text(p, 'StreetNameForAddressingName') ?? text(p, 'StreetName');
  if (!street) return null;
  const from = text(p, 'StreetBuildingIdentifier');
  const to = text(p, 'StreetBuildingIdentifierTo');
  const floor = text(p, 'FloorIdentifier');
  const suite = text(p, 'SuiteIdentifier');
  let line = from ? `${street} ${from}${to ? `-${to}` : ''}` : street;
  if (floor || suite)
    line += `, ${[floor ? (/^\d+$/.test(floor) ? `${floor}.` : floor) : null, suite].filter(Boolean).join(' ')}`;
  const co = text(p, 'CareOfName');
  return co ? `c/o ${co}, ${line}` : line;
}
