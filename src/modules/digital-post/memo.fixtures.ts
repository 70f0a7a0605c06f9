import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Validating MeMo messages against the vendored MeMo 1.2 XSD (test/fixtures/memo) with libxml2's
 * xmllint, for every test that makes messages (memo.test.ts, the letters). Without xmllint such
 * tests are skipped, unless REQUIRE_XMLLINT=1 (CI).
 */
export const MEMO_FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/memo');
const XSD = path.join(MEMO_FIXTURES, 'schema/Version1.2/MeMo_core.xsd');
export const haveXmllint = spawnSync('xmllint', ['--version']).status === 0;
if (!haveXmllint && process.env.REQUIRE_XMLLINT === '1') throw new Error('xmllint not found; install libxml2-utils');

export function validateMemo(xml: string): { ok: boolean; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memo-'));
  const file = path.join(dir, 'message.xml');
  fs.writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD, file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
