// The public entry of the serviceplatformen module: the certificate transport and SOAP 1.1 plumbing
// that the SF1520/SF1530 register clients and the SF1601 Digital Post transport share (layout rule
// module-internal-import). Owns no table.
export {
  DEFAULT_TIMEOUT_MS,
  httpsPost,
  readTlsFiles,
  ServiceplatformenError,
  type HttpsAnswer,
  type HttpsPostOptions,
  type ServiceplatformenErrorKind,
  type ServiceplatformenFaultDetail,
  type TlsFiles,
  type TlsMaterial,
} from './http.ts';
export {
  bool,
  checkInvocationContext,
  child,
  INVOCATION_CONTEXT_NS,
  invocationContextXml,
  parseXml,
  soapCall,
  soapEnvelope,
  text,
  xmlEscape,
  type InvocationContext,
  type SoapCallOptions,
  type XmlNode,
} from './soap.ts';
