import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public');
export const BUILD_DIR = path.join(PUBLIC_DIR, 'build');

export type AssetName = 'app.css' | 'htmx.js' | 'alpine.js' | 'app.js';

/** Reads public/build/manifest.json (written by scripts/build-assets.ts) into URL lookups. */
export function loadAssets(): (name: AssetName) => string {
  const file = path.join(BUILD_DIR, 'manifest.json');
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: run "npm run build:assets" first (npm start and npm test do it for you)`);
  }
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<AssetName, string>;
  const urls = new Map<string, string>();
  for (const [name, fingerprinted] of Object.entries(manifest)) urls.set(name, `/static/${fingerprinted}`);
  return (name) => {
    const url = urls.get(name);
    if (!url) throw new Error(`asset ${name} is not in the manifest`);
    return url;
  };
}
