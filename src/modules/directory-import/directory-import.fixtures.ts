import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../db/index.ts';
import type { FormatChoice } from './formats.ts';
import { createImport, readFiles, type UploadedFile } from './service.ts';

/** The example files in test/fixtures/directory-import (written for these tests in the documented shapes). */
export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test/fixtures/directory-import',
);

export function fixture(name: string): UploadedFile {
  return { name, bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))) };
}

export function csvFile(name: string, text: string): UploadedFile {
  return { name, bytes: new Uint8Array(Buffer.from(text, 'utf8')) };
}

/** Reads and plans files as the upload does; throws when a file cannot be read. */
export async function previewFiles(
  database: Database,
  files: UploadedFile[],
  opts: { format?: FormatChoice; deactivateMissing?: boolean; actor?: { id: string; name: string } | null } = {},
) {
  const read = readFiles(files, opts.format ?? 'auto');
  if (!read.ok) throw new Error(`unreadable: ${JSON.stringify(read.errors)}`);
  return createImport(database, {
    files: read.files,
    sha256: read.sha256,
    options: { format: opts.format ?? 'auto', deactivateMissing: opts.deactivateMissing ?? false },
    actor: opts.actor ?? null,
    source: 'web',
  });
}
