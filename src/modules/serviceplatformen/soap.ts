import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { httpsPost, ServiceplatformenError, type ServiceplatformenFaultDetail, type TlsMaterial } from './http.ts';

/**
 * SOAP 1.1 over the certificate transport, as the SF1520 and SF1530 contracts bind their
 * operations (document/literal, a SOAPAction per operation). Requests are written as strings
 * with every value escaped; answers are read with fast-xml-parser, namespace prefixes removed,
 * so the callers match local element names.
 */

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const INVOCATION_CONTEXT_NS = 'http://serviceplatformen.dk/xml/schemas/InvocationContext/1/';

/** Escapes text for XML element content and attribute values. */
export function xmlEscape(value: string): string {
  // Characters XML 1.0 cannot carry at all are dropped rather than sent.
  const clean = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  return clean
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Who calls, as Serviceplatformen's InvocationContext_1.xsd has it: the service agreement, the
 * calling system and user as registered in the administration module, and the service itself.
 * UUIDs are lower case (the schema's pattern); the optional texts are at most 255 characters.
 */
export interface InvocationContext {
  serviceAgreementUuid: string;
  userSystemUuid: string;
  userUuid: string;
  serviceUuid: string;
  onBehalfOfUser?: string | null;
  callersServiceCallIdentifier?: string | null;
  accountingInfo?: string | null;
}

const UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;

/** Lower-cases and checks the UUIDs; throws on a value the hub's schema would refuse. */
export function checkInvocationContext(ctx: InvocationContext): InvocationContext {
  const uuid = (name: string, value: string) => {
    const v = value.trim().toLowerCase();
    if (!UUID.test(v)) throw new Error(`Serviceplatformen ${name} must be a UUID, got "${value}"`);
    return v;
  };
  const text = (name: string, value: string | null | undefined) => {
    if (value == null || value === '') return null;
    if (value.length > 255) throw new Error(`Serviceplatformen ${name} is longer than 255 characters`);
    return value;
  };
  return {
    serviceAgreementUuid: uuid('ServiceAgreementUUID', ctx.serviceAgreementUuid),
    userSystemUuid: uuid('UserSystemUUID', ctx.userSystemUuid),
    userUuid: uuid('UserUUID', ctx.userUuid),
    serviceUuid: uuid('ServiceUUID', ctx.serviceUuid),
    onBehalfOfUser: text('OnBehalfOfUser', ctx.onBehalfOfUser),
    callersServiceCallIdentifier: text('CallersServiceCallIdentifier', ctx.callersServiceCallIdentifier),
    accountingInfo: text('AccountingInfo', ctx.accountingInfo),
  };
}

/** The `<prefix:InvocationContext>` element; `prefix` must be bound to INVOCATION_CONTEXT_NS. */
export function invocationContextXml(ctx: InvocationContext, prefix: string): string {
  const el = (name: string, value: string | null | undefined) =>
    value == null ? '' : `<${prefix}:${name}>${xmlEscape(value)}</${prefix}:${name}>`;
  return (
    `<${prefix}:InvocationContext>` +
    el('ServiceAgreementUUID', ctx.serviceAgreementUuid) +
    el('UserSystemUUID', ctx.userSystemUuid) +
    el('UserUUID', ctx.userUuid) +
    el('OnBehalfOfUser', ctx.onBehalfOfUser) +
    el('ServiceUUID', ctx.serviceUuid) +
    el('CallersServiceCallIdentifier', ctx.callersServiceCallIdentifier) +
    el('AccountingInfo', ctx.accountingInfo) +
    `</${prefix}:InvocationContext>`
  );
}

/** A SOAP 1.1 envelope around one body element (which declares its own namespaces). */
export function soapEnvelope(bodyElement: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<soapenv:Envelope xmlns:soapenv="${SOAP11_NS}"><soapenv:Header/><soapenv:Body>` +
    bodyElement +
    '</soapenv:Body></soapenv:Envelope>'
  );
}

/** A parsed element: text is `#text`, attributes are `@_name`, children by local name. */
export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Keep every value a string: CPR numbers and postcodes start with 0.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: false,
});

/** Parses an XML answer; anything that is not well-formed XML is `malformed`. */
export function parseXml(xml: string, what: string): XmlNode {
  const check = XMLValidator.validate(xml);
  if (check !== true) {
    throw new ServiceplatformenError('malformed', `${what}: not well-formed XML (${check.err.msg})`);
  }
  if (/<!DOCTYPE/i.test(xml)) throw new ServiceplatformenError('malformed', `${what}: a DOCTYPE is not accepted`);
  return parser.parse(xml) as XmlNode;
}

/** The child element `name` (local name) of a parsed node, when it is an element. */
export function child(node: unknown, name: string): XmlNode | null {
  if (!node || typeof node !== 'object') return null;
  const value = (node as XmlNode)[name];
  if (Array.isArray(value)) return child({ [name]: value[0] }, name);
  if (value === '' || value === undefined || value === null) return value === '' ? {} : null;
  if (typeof value === 'object') return value as XmlNode;
  return { '#text': String(value) };
}

/** The text of the child element `name`, or null when absent or empty. */
export function text(node: unknown, name: string): string | null {
  if (!node || typeof node !== 'object') return null;
  let value = (node as XmlNode)[name];
  if (Array.isArray(value)) value = value[0];
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') value = (value as XmlNode)['#text'];
  if (value === undefined || value === null) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

/** An xsd:boolean child: true for "true"/"1", false for "false"/"0", null when absent. */
export function bool(node: unknown, name: string): boolean | null {
  const v = text(node, name);
  if (v === null) return null;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new ServiceplatformenError('malformed', `${name} is not an xsd:boolean: "${v}"`);
}

export interface SoapCallOptions {
  url: string;
  soapAction: string;
  /** The body element, namespaces declared on it. */
  body: string;
  tls: TlsMaterial;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** For messages: "SF1520 PersonLookup". */
  what: string;
}

/**
 * Sends one SOAP 1.1 request and returns the Body element's single child (parsed). A SOAP fault
 * (HTTP 500 as SOAP 1.1 has it, or any status with a Fault in the Body) is a `fault` error with
 * the Serviceplatformen ErrorList; another status is `http`; an answer that is no SOAP envelope is
 * `malformed`.
 */
export async function soapCall(opts: SoapCallOptions): Promise<{ name: string; node: XmlNode }> {
  const answer = await httpsPost(opts.url, {
    tls: opts.tls,
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      accept: 'text/xml',
      soapaction: `"${opts.soapAction}"`,
    },
    body: soapEnvelope(opts.body),
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
  const looksXml = /xml/i.test(answer.contentType) || answer.body.trimStart().startsWith('<');
  if (answer.status !== 200 && !(answer.status === 500 && looksXml)) {
    throw new ServiceplatformenError('http', `${opts.what}: HTTP ${answer.status}`, { status: answer.status });
  }
  if (!looksXml) throw new ServiceplatformenError('malformed', `${opts.what}: the answer is not XML`);
  let doc: XmlNode;
  try {
    doc = parseXml(answer.body, opts.what);
  } catch (err) {
    if (answer.status === 500) {
      throw new ServiceplatformenError('http', `${opts.what}: HTTP 500`, { status: 500, cause: err });
    }
    throw err;
  }
  const body = child(child(doc, 'Envelope'), 'Body');
  if (!body) {
    if (answer.status === 500) throw new ServiceplatformenError('http', `${opts.what}: HTTP 500`, { status: 500 });
    throw new ServiceplatformenError('malformed', `${opts.what}: the answer is no SOAP envelope`);
  }
  const fault = child(body, 'Fault');
  if (fault) throw faultError(opts.what, fault, answer.status);
  if (answer.status !== 200) throw new ServiceplatformenError('http', `${opts.what}: HTTP 500`, { status: 500 });
  const names = Object.keys(body).filter((k) => !k.startsWith('@_') && k !== '#text');
  if (names.length !== 1) {
    throw new ServiceplatformenError('malformed', `${opts.what}: the SOAP body holds ${names.length} elements, not 1`);
  }
  const name = names[0]!;
  return { name, node: child(body, name) ?? {} };
}

/**
 * A fault's texts end up in logs and in the outbox's last error; a CPR number the hub echoes
 * ("PNR 0101901234 findes ikke") is masked there like everywhere else.
 */
function maskCprs(value: string): string {
  return value.replace(/(?<!\d)(\d{6})-?\d{4}(?!\d)/g, '$1-XXXX');
}

function faultError(what: string, fault: XmlNode, status: number): ServiceplatformenError {
  const faultCode = text(fault, 'faultcode') ?? 'unknown';
  const faultString = maskCprs(text(fault, 'faultstring') ?? '');
  const list = child(child(child(fault, 'detail'), 'ServiceplatformFault'), 'ErrorList');
  const raw = list?.Error;
  const errors = (Array.isArray(raw) ? raw : raw ? [raw] : []) as unknown[];
  const details: ServiceplatformenFaultDetail[] = errors.map((e) => ({
    code: maskCprs(text(e, 'ErrorCode') ?? ''),
    text: maskCprs(text(e, 'ErrorText') ?? ''),
  }));
  const summary = details.length ? details.map((d) => `${d.code} ${d.text}`.trim()).join('; ') : faultString;
  return new ServiceplatformenError('fault', `${what}: SOAP fault ${faultCode}${summary ? `: ${summary}` : ''}`, {
    status,
    faultCode,
    details,
  });
}
