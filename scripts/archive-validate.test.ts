import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildArchivalVersion, canValidate, edit } from '../src/modules/records/validator/validator.fixtures.ts';
import { archiveValidate } from './archive-validate.ts';

describe.skipIf(!canValidate)('npm run archive:validate', () => {
  let parent: string;
  let out: string[];
  beforeEach(async () => {
    parent = await fs.mkdtemp(path.join(os.tmpdir(), 'avid-cli-'));
    out = [];
  });
  afterEach(async () => {
    await fs.rm(parent, { recursive: true, force: true });
  });
  const run = (...argv: string[]) => archiveValidate(argv, (line) => out.push(line));

  it('exits 0 on a valid version and says what it checked', async () => {
    const dir = await buildArchivalVersion(parent);
    expect(await run(dir)).toBe(0);
    expect(out[0]).toBe('AVID.SA.18005.1: gyldig (0 fejl, 0 advarsler)');
    expect(out.at(-1)).toMatch(
      /^Kontrolleret: 18 filer \(17 MD5-summer over 0,\d MB\), 2 tabeller med 4 rækker, 2 dokumenter/,
    );
  });

  it('exits 1 and prints each finding with its section and path', async () => {
    const dir = await buildArchivalVersion(parent);
    await edit(
      dir,
      'Indices/fileIndex.xml',
      /(<fiN>table1\.xml<\/fiN>\s*<md5>)[0-9a-f]{32}/,
      '$1ffffffffffffffffffffffffffffffff',
    );
    expect(await run(dir)).toBe(1);
    expect(out[0]).toBe('AVID.SA.18005.1: ikke gyldig (1 fejl, 0 advarsler)');
    expect(out).toContain('FEJL  bilag 4, punkt 4. C. 2.b, figur 4.2  Tables/table1/table1.xml  [md5-mismatch]');
  });

  it('prints the report as JSON with --json', async () => {
    const dir = await buildArchivalVersion(parent);
    expect(await run(dir, '--json')).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ ok: true, avid: 'AVID.SA.18005.1', findings: [] });
  });

  it('exits 2 when it cannot validate: no folder, no xmllint, no argument', async () => {
    expect(await run(path.join(parent, 'AVID.SA.1.1'))).toBe(2);
    expect(out.at(-1)).toMatch(/^Arkiveringsversionen kunne ikke kontrolleres: Mappen .* findes ikke/);
    const dir = await buildArchivalVersion(parent);
    expect(await run(dir, '--xmllint', path.join(parent, 'nope'))).toBe(2);
    expect(out.at(-1)).toMatch(/xmllint blev ikke fundet .*libxml2-utils/);
    expect(await run()).toBe(2);
    expect(out.at(-1)).toContain('Afslutningskode: 0 gyldig, 1 ugyldig, 2 kunne ikke kontrolleres.');
  });
});
