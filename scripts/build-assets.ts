/**
 * Builds what the browser loads, into public/build/ (git-ignored):
 * - Tailwind CSS through its own CLI, from views/styles/app.css;
 * - htmx and Alpine (CSP build) copied from node_modules: no CDN, ever;
 * - our small client script from public/js/app.js.
 * Each file gets a content hash in its name, plus .gz and .br twins, and manifest.json maps
 * the logical name to the file; the server sends them with a one-year immutable cache.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'public/build');
const tmp = path.join(out, '.tmp');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(tmp, { recursive: true });

const cssTmp = path.join(tmp, 'app.css');
execFileSync(
  process.execPath,
  [
    path.join(root, 'node_modules/@tailwindcss/cli/dist/index.mjs'),
    '-i',
    path.join(root, 'views/styles/app.css'),
    '-o',
    cssTmp,
    '--minify',
  ],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);

const sources: Record<string, string> = {
  'app.css': cssTmp,
  'htmx.js': path.join(root, 'node_modules/htmx.org/dist/htmx.min.js'),
  'alpine.js': path.join(root, 'node_modules/@alpinejs/csp/dist/cdn.min.js'),
  'app.js': path.join(root, 'public/js/app.js'),
};

const manifest: Record<string, string> = {};
for (const [name, file] of Object.entries(sources)) {
  const content = fs.readFileSync(file);
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
  const ext = path.extname(name);
  const fingerprinted = `${path.basename(name, ext)}.${hash}${ext}`;
  const target = path.join(out, fingerprinted);
  fs.writeFileSync(target, content);
  fs.writeFileSync(`${target}.gz`, zlib.gzipSync(content, { level: 9 }));
  fs.writeFileSync(
    `${target}.br`,
    zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  manifest[name] = fingerprinted;
}
fs.rmSync(tmp, { recursive: true, force: true });
fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`assets: ${Object.values(manifest).join(', ')}`);
