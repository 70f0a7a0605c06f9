import fs from 'node:fs';
import https from 'node:https';

/**
 * The transport every Serviceplatformen call uses: HTTPS with a client certificate (the
 * "ClientContextTransportBindingPolicy" of the contracts' policies.wsdl: HttpsToken with
 * RequireClientCertificate), the server checked against a given CA, and a time limit.
 */

/** The PEM material of the municipality's function certificate (FOCES/VOCES) and the CA to trust. */
export interface TlsMaterial {
  cert: string;
  key: string;
  /** The CA(s) that sign the hub's certificate; Node's bundled roots when absent. */
  ca?: string;
}

/** Paths to the PEM files, as SERVICEPLATFORMEN_CERT, _KEY and _CA name them. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
  caFile?: string | null;
}

/** Reads the PEM files once, when a client is built. */
export function readTlsFiles(files: TlsFiles): TlsMaterial {
  return {
    cert: fs.readFileSync(files.certFile, 'utf8'),
    key: fs.readFileSync(files.keyFile, 'utf8'),
    ...(files.caFile ? { ca: fs.readFileSync(files.caFile, 'utf8') } : {}),
  };
}

export type ServiceplatformenErrorKind = 'fault' | 'timeout' | 'malformed' | 'http' | 'network' | 'token';

/** One error in a Serviceplatformen fault's ErrorList (ServiceplatformFault_1.xsd). */
export interface ServiceplatformenFaultDetail {
  code: string;
  text: string;
}

/**
 * Every way a Serviceplatformen call can fail, told apart by `kind`:
 * - `fault`: the service answered with a SOAP fault (`faultCode`, `details` from its ErrorList);
 * - `timeout`: no whole answer within the time limit (or the caller's signal aborted);
 * - `malformed`: an answer that is not XML/JSON, or not in the contract's shape;
 * - `http`: an HTTP status the contract does not answer with (`status`);
 * - `network`: no connection (refused, TLS handshake failed, reset);
 * - `token`: SF1601's security token or access token could not be had.
 */
export class ServiceplatformenError extends Error {
  readonly kind: ServiceplatformenErrorKind;
  readonly status: number | null;
  readonly faultCode: string | null;
  readonly details: ServiceplatformenFaultDetail[];

  constructor(
    kind: ServiceplatformenErrorKind,
    message: string,
    extra: { status?: number; faultCode?: string; details?: ServiceplatformenFaultDetail[]; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'ServiceplatformenError';
    this.kind = kind;
    this.status = extra.status ?? null;
    this.faultCode = extra.faultCode ?? null;
    this.details = extra.details ?? [];
  }
}

export interface HttpsAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface HttpsPostOptions {
  tls: TlsMaterial;
  headers: Record<string, string>;
  body: string;
  /** The whole call, connect to last byte (default 15 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Largest answer accepted (default 10 MiB). */
  maxBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** POSTs `body` to `url` with the client certificate; resolves with any HTTP status. */
export function httpsPost(url: string, opts: HttpsPostOptions): Promise<HttpsAnswer> {
  const target = new URL(url);
  if (target.protocol !== 'https:') {
    return Promise.reject(new ServiceplatformenError('network', `Serviceplatformen needs https, got ${url}`));
  }
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const payload = Buffer.from(opts.body, 'utf8');
  return new Promise<HttpsAnswer>((resolve, reject) => {
    let settled = false;
    const fail = (err: ServiceplatformenError) => {
      if (settled) return;
      settled = true;
      reject(err);
    };
    const aborted = () =>
      fail(
        new ServiceplatformenError('timeout', `No answer from ${target.host}${target.pathname} in time`, {
          cause: signal.reason,
        }),
      );
    if (signal.aborted) return aborted();
    // The signal ends the call wherever it is: before the answer, or in the middle of its body
    // (where Node does not always report the abort as an error on the response).
    const onAbort = () => {
      aborted();
      req.destroy();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const req = https.request(
      target,
      {
        method: 'POST',
        cert: opts.tls.cert,
        key: opts.tls.key,
        ...(opts.tls.ca ? { ca: opts.tls.ca } : {}),
        rejectUnauthorized: true,
        // A fresh connection per call: the certificate is the caller's identity, so no pooling
        // across clients with other certificates.
        agent: false,
        headers: { ...opts.headers, 'content-length': String(payload.length) },
        signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            fail(
              new ServiceplatformenError('malformed', `Answer from ${target.host} is larger than ${maxBytes} bytes`),
            );
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          signal.removeEventListener('abort', onAbort);
          if (settled) return;
          settled = true;
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', (err) => (signal.aborted ? aborted() : fail(networkError(target, err))));
        res.on('close', () => {
          if (!res.complete && !signal.aborted) fail(networkError(target, new Error('the answer was cut off')));
        });
      },
    );
    req.on('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) aborted();
      else fail(networkError(target, err));
    });
    req.end(payload);
  });
}

function networkError(target: URL, err: Error): ServiceplatformenError {
  return new ServiceplatformenError('network', `Could not reach ${target.host}: ${err.message}`, { cause: err });
}
