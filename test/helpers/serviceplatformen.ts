import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { expect } from 'vitest';
import { ServiceplatformenError, type TlsMaterial } from '../../src/modules/serviceplatformen/index.ts';

/**
 * A local stand-in for Serviceplatformen: an HTTPS server with a test certificate that asks for
 * a client certificate and refuses any not signed by the test CA (test/fixtures/serviceplatformen/certs,
 * test-only keys). Each test says how it answers; the server records what it was sent.
 */

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/serviceplatformen');
const CERTS = path.join(FIXTURES, 'certs');
const pem = (name: string) => fs.readFileSync(path.join(CERTS, name), 'utf8');

/** The client side: the test client certificate, trusting the test CA. */
export const clientTls = (): TlsMaterial => ({ cert: pem('client.crt'), key: pem('client.key'), ca: pem('ca.crt') });
/** A self-signed client certificate the server does not trust. */
export const strangerTls = (): TlsMaterial => ({
  cert: pem('stranger.crt'),
  key: pem('stranger.key'),
  ca: pem('ca.crt'),
});

export interface Received {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The CN of the client certificate the server verified. */
  clientCn: string | null;
}

/** An answer, or 'hang' (never answer), or 'hang-in-body' (headers and half a body, then nothing). */
export type Answer = { status: number; body: string; contentType?: string } | 'hang' | 'hang-in-body';

export interface LocalHub {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startLocalHub(answer: (req: Received) => Answer | Promise<Answer>): Promise<LocalHub> {
  const received: Received[] = [];
  const hanging = new Set<ServerResponse>();
  const server = https.createServer(
    { cert: pem('server.crt'), key: pem('server.key'), ca: pem('ca.crt'), requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const socket = req.socket as TLSSocket;
        const cn = socket.getPeerCertificate()?.subject?.CN;
        const r: Received = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          clientCn: typeof cn === 'string' ? cn : null,
        };
        received.push(r);
        void Promise.resolve(answer(r)).then((a) => {
          if (a === 'hang' || a === 'hang-in-body') {
            hanging.add(res);
            if (a === 'hang-in-body') {
              res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': '1000' });
              res.write('<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope');
            }
            return;
          }
          res.writeHead(a.status, { 'content-type': a.contentType ?? 'text/xml; charset=utf-8' });
          res.end(a.body);
        });
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const soap = (body: string) =>
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
  body +
  '</soap:Body></soap:Envelope>';

/** A Serviceplatformen SOAP fault (ServiceplatformFault_1.xsd in the detail). */
export const soapFault = (code: string, text: string) =>
  soap(
    '<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Service error</faultstring><detail>' +
      '<spf:ServiceplatformFault xmlns:spf="http://serviceplatformen.dk/xml/schemas/ServiceplatformFault/1/">' +
      `<spf:ErrorList><spf:Error><spf:ErrorCode>${code}</spf:ErrorCode><spf:ErrorText>${text}</spf:ErrorText></spf:Error></spf:ErrorList>` +
      '</spf:ServiceplatformFault></detail></soap:Fault>',
  );

/** The single element inside the SOAP Body of a request (it declares its own namespaces). */
export function bodyElement(envelope: string): string {
  const m = /<soapenv:Body>([\s\S]*)<\/soapenv:Body>/.exec(envelope);
  if (!m) throw new Error('no soapenv:Body in the request');
  return m[1]!;
}

export const haveXmllint = spawnSync('xmllint', ['--version']).status === 0;
if (!haveXmllint && process.env.REQUIRE_XMLLINT === '1') throw new Error('xmllint not found; install libxml2-utils');

const PERSON_CONTRACT = 'person-base-data-extended-service-contract';
let personCopy: string | null = null;

/**
 * The schema file to hand xmllint. The vendored files stay unchanged; one needs help:
 * SF1520's `xsd/PersonBaseDataExtendedServiceTypes.xsd` uses types of the PNR namespace that
 * only the including `PersonBaseDataExtendedServiceMsg.xsd` imports, which the XSD rules (and so
 * libxml2) do not allow ("References … are not allowed, since not indicated by an import
 * statement"; other validators are lenient there). For that contract the test validates against
 * a temporary copy whose Types file has the missing `<xsd:import>` added, nothing else.
 */
function schemaFile(xsd: string): string {
  if (!xsd.startsWith(`${PERSON_CONTRACT}/`)) return path.join(FIXTURES, xsd);
  if (!personCopy) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-xsd-'));
    fs.cpSync(path.join(FIXTURES, PERSON_CONTRACT), path.join(dir, PERSON_CONTRACT), { recursive: true });
    const types = path.join(dir, PERSON_CONTRACT, 'xsd/PersonBaseDataExtendedServiceTypes.xsd');
    const original = fs.readFileSync(types, 'utf8');
    const patched = original.replace(
      'elementFormDefault="qualified" version="1.0">',
      '$&<xsd:import namespace="http://serviceplatformen.dk/xml/schemas/cpr/PNR/1/" schemaLocation="../sp/PNR_1.xsd"/>',
    );
    if (patched === original) throw new Error('the SF1520 types schema is not the one the patch expects');
    fs.writeFileSync(types, patched);
    personCopy = dir;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return path.join(personCopy, xsd);
}

/** Validates an XML document against one of the vendored XSDs (path under FIXTURES). */
export function validateAgainst(xsd: string, xml: string): { ok: boolean; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-'));
  const file = path.join(dir, 'request.xml');
  fs.writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schemaFile(xsd), file], {
    encoding: 'utf8',
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** The ServiceplatformenError a call rejects with (the test fails when it resolves or throws another error). */
export async function failure(p: Promise<unknown>): Promise<ServiceplatformenError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ServiceplatformenError);
  return err as ServiceplatformenError;
}
