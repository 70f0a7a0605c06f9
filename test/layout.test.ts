/**
 * The layout check (`npm run lint:layout`, run by .ci/run) would catch what it is meant to catch:
 * dependency-cruiser with the project's own two configurations, on a deliberately bad tree
 * (test/fixtures/layout), reports each broken rule at the file that breaks it, and nothing else.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise, type ICruiseOptions, type IForbiddenRuleType, type IReporterOutput } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const fixture = path.join(root, 'test/fixtures/layout');

async function violations(configFile: string, targets: string[]) {
  const config = require(path.join(root, configFile)) as {
    forbidden: IForbiddenRuleType[];
    options: ICruiseOptions & { tsConfig?: unknown };
  };
  const { tsConfig: _tsConfig, ...options } = config.options;
  const result: IReporterOutput = await cruise(targets, {
    ...options,
    baseDir: fixture,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    outputType: 'json',
  });
  const output = typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
  return (output.summary.violations as Array<{ rule: { name: string }; from: string; to: string }>)
    .map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
    .sort();
}

describe('layout rules', () => {
  it('report every broken rule in the bad example, and only those', async () => {
    expect(await violations('.dependency-cruiser.cjs', ['src', 'views'])).toEqual([
      'file-cycle: src/http/ping.ts → src/http/pong.ts',
      'file-cycle: src/modules/alpha/names.ts → src/modules/beta/index.ts',
      'module-internal-import: src/modules/beta/names.ts → src/modules/alpha/names.ts',
      'shared-imports-feature: src/http/helper.ts → src/modules/alpha/index.ts',
      'view-calls-service: views/beta/Beta.tsx → src/modules/beta/service.ts',
      'view-imports-db: views/beta/Beta.tsx → src/db/index.ts',
    ]);
  });

  it('find a cycle between modules even when each file only imports an entry', async () => {
    expect(await violations('.dependency-cruiser-modules.cjs', ['src/modules'])).toEqual([
      'module-cycle: src/modules/alpha → src/modules/beta',
      'module-cycle: src/modules/beta → src/modules/alpha',
    ]);
  });
});

describe('routes files', () => {
  it('stay under 400 lines each: a module splits its routes by resource as they grow (docs/architecture.md, Routes)', () => {
    const long: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/routes\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) {
          const lines = fs.readFileSync(file, 'utf8').split('\n').length;
          if (lines > 400) long.push(`${path.relative(root, file)}: ${lines}`);
        }
      }
    };
    walk(path.join(root, 'src'));
    expect(long).toEqual([]);
  });
});
