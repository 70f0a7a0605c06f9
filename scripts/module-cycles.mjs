// Prints import cycles between modules (the folders of src/modules), from the import lines of their files.
// Usage: node scripts/module-cycles.mjs [--tests]   (test files and fixtures are left out unless --tests)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
const root = resolve('src/modules'), tests = process.argv.includes('--tests'), modules = readdirSync(root), edges = new Map();
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]);
for (const mod of modules) {
  edges.set(mod, new Set());
  for (const file of walk(join(root, mod)).filter((f) => /\.(ts|tsx|mts|mjs)$/.test(f) && (tests || !/\.test\.|fixtures|testing/.test(f)))) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:^\s*(?:import|export)\b[^'";]*?from\s+|import\()'(\.[^']+)'/gm)) {
      const to = relative(root, resolve(file, '..', spec)).split('/')[0];
      if (to !== mod && modules.includes(to)) edges.get(mod).add(to);
    }
  }
}
const cycles = []; // each elementary cycle once, starting from its alphabetically first module
const visit = (start, node, path) => { for (const next of edges.get(node)) {
  if (next === start) cycles.push([...path, start].join(' → ')); else if (next > start && !path.includes(next)) visit(start, next, [...path, next]);
} };
for (const mod of modules) visit(mod, mod, [mod]);
console.log(cycles.length ? cycles.join('\n') : 'no cycles between modules');
process.exitCode = cycles.length ? 1 : 0;
