import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STANDARD_DIR, STANDARD_SCHEMAS } from './settings.ts';

const FIXTURES = path.resolve('test/fixtures/arkiveringsversion-128');

describe('the standard schemas the app carries', () => {
  it('are the vendored schemas of bek. 128, byte for byte', () => {
    const carried = readdirSync(STANDARD_DIR).filter((f) => f.endsWith('.xsd'));
    expect(carried.sort()).toEqual([...STANDARD_SCHEMAS, 'researchIndex.xsd'].sort());
    for (const f of carried)
      expect(readFileSync(path.join(STANDARD_DIR, f))).toEqual(readFileSync(path.join(FIXTURES, f)));
  });
});
