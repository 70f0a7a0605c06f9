import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../../files/blobs.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../../test/helpers/db.ts';
import { validateArchivalVersion } from '../validator/index.ts';
import { FIXTURE_PERIOD, FIXTURE_TODAY, haveGhostscript, haveXmllint, seedArchivedPeriod } from './export.fixtures.ts';
import { exportArchivalVersion } from './job.ts';

const AVID = 'AVID.SA.18005.1';

/**
 * The exporter and the validator together: what the exporter writes passes the project's own
 * validator with no errors, and the validator catches what goes wrong with it afterwards (a changed
 * file, a missing file, an index that breaks its schema).
 */
describe.skipIf(!haveGhostscript || !haveXmllint).each(DIALECTS)('an exported archival version (%s)', (dialect) => {
  let t: TestDatabase;
  let dataDir: string;
  let dir: string;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-export-validate-'));
    const blobs = new BlobStore(dataDir);
    await seedArchivedPeriod(t.database, blobs);
    const { plan, result } = await exportArchivalVersion(
      t.database,
      blobs,
      { period: FIXTURE_PERIOD, avid: AVID, outDir: path.join(dataDir, 'out'), actor: null, today: FIXTURE_TODAY },
      { validate: validateArchivalVersion },
    );
    expect(plan.ok).toBe(true);
    expect(result?.status).toBe('valid');
    dir = path.join(dataDir, 'out', AVID);
  }, 180_000);
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('passes the validator with no errors, and the export records the report', async () => {
    const report = await validateArchivalVersion(dir);
    expect(report.findings.filter((f) => f.severity !== 'warning')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.avid).toBe(AVID);
    const row = await t.database.db
      .selectFrom('archival_exports')
      .select(['status', 'validation'])
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('valid');
    expect(JSON.parse(row.validation!)).toMatchObject({ ok: true });
  });

  /** Runs the validator on a copy of the export with one thing changed. */
  async function broken(change: (copy: string) => void) {
    const copy = path.join(dataDir, `copy-${Math.random().toString(36).slice(2)}`, AVID);
    fs.cpSync(dir, copy, { recursive: true });
    change(copy);
    return validateArchivalVersion(copy);
  }
  const firstTiff = (root: string) => path.join(root, 'Documents', 'docCollection1', '1', '1.tif');

  it('catches a changed document: its MD5 is wrong (bilag 4)', async () => {
    const report = await broken((copy) => {
      const f = firstTiff(copy);
      const bytes = fs.readFileSync(f);
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
      fs.writeFileSync(f, bytes);
    });
    expect(report.ok).toBe(false);
    const found = report.findings.find((f) => f.code === 'md5-mismatch');
    expect(found?.path).toBe('Documents/docCollection1/1/1.tif');
    expect(found?.message).toMatch(/MD5/);
  });

  it('catches a missing document file', async () => {
    const report = await broken((copy) => fs.rmSync(firstTiff(copy)));
    expect(report.ok).toBe(false);
    const codes = report.findings.map((f) => f.code);
    expect(codes).toContain('file-missing');
    expect(report.findings.find((f) => f.code === 'file-missing')?.path).toBe('Documents/docCollection1/1/1.tif');
  });

  it('catches an index that breaks its schema', async () => {
    const report = await broken((copy) => {
      const f = path.join(copy, 'Indices', 'docIndex.xml');
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/<dID>1<\/dID>/, '<dID>første</dID>'));
    });
    expect(report.ok).toBe(false);
    const found = report.findings.find((f) => f.code === 'xsd-invalid' && f.path === 'Indices/docIndex.xml');
    expect(found, JSON.stringify(report.findings.slice(0, 5))).toBeTruthy();
  });
});
