import { spawn } from 'node:child_process';

/**
 * libxml2's xmllint as the XSD 1.0 validator (Debian's libxml2-utils). It runs as a child process
 * without a shell (arguments go straight to the program), in streaming mode (`--stream`, so a
 * gigabyte table is not built as a tree in memory), without network access (`--nonet`), and with
 * several files per run when they share a schema. Its output is read line by line, so a table with
 * a million errors keeps only the first few per file.
 */

export interface XmllintResult {
  /** Absolute path of the XML file. */
  file: string;
  ok: boolean;
  /** The first errors (xmllint's own English text, with the line number), at most `maxErrors`. */
  errors: { line?: number; text: string }[];
  /** How many error lines there were in all. */
  errorCount: number;
}

export interface XmllintRun {
  /** The schema could not be compiled (xmllint exit code 5): its messages. */
  schemaError?: string;
  results: XmllintResult[];
}

/** xmllint could not be started: the validator cannot run (the CLI's exit code 2). */
export class XmllintMissingError extends Error {
  readonly code = 'xmllint-missing';
}

export async function xmllintVersion(bin: string): Promise<string> {
  const out = await run(bin, ['--version'], () => {});
  return out.stderr.split('\n')[0] ?? '';
}

function run(
  bin: string,
  args: string[],
  onLine: (line: string) => void,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      reject(new XmllintMissingError(`xmllint kunne ikke startes (${bin}): ${(e as Error).message}`));
      return;
    }
    let rest = '';
    let head = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (head.length < 4000) head += chunk.slice(0, 4000 - head.length);
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'ENOENT' || e.code === 'EACCES'
          ? new XmllintMissingError(
              `xmllint blev ikke fundet (${bin}). Installér libxml2-utils (Debian: apt-get install libxml2-utils).`,
            )
          : e,
      );
    });
    child.on('close', (code) => {
      if (rest) onLine(rest);
      resolve({ code, stderr: head });
    });
  });
}

/** Validates files against one schema in a single xmllint run. */
export async function validateWithSchema(
  bin: string,
  schema: string,
  files: string[],
  maxErrors = 20,
): Promise<XmllintRun> {
  const results = new Map<string, XmllintResult>(
    files.map((f) => [f, { file: f, ok: true, errors: [], errorCount: 0 }]),
  );
  // Longest first, so that "table1.xml" never claims a line of "table11.xml".
  const byLength = [...files].sort((a, b) => b.length - a.length);
  const schemaLines: string[] = [];
  const { code } = await run(bin, ['--noout', '--nonet', '--stream', '--schema', schema, ...files], (line) => {
    if (!line.trim()) return;
    const file = byLength.find((f) => line.startsWith(f));
    const r = file ? results.get(file) : undefined;
    if (!r) {
      schemaLines.push(line);
      return;
    }
    const tail = line.slice(r.file.length);
    if (tail === ' validates') return;
    r.ok = false;
    if (tail === ' fails to validate') return;
    if (tail === ' : failed to parse') {
      if (r.errorCount === 0) r.errors.push({ text: 'the file could not be parsed as XML' });
      r.errorCount = Math.max(r.errorCount, 1);
      return;
    }
    r.errorCount++;
    const m = /^:(\d+): (.*)$/.exec(tail);
    if (r.errors.length < maxErrors) {
      r.errors.push(m ? { line: Number(m[1]), text: m[2]! } : { text: tail.replace(/^[: ]+/, '') });
    }
  });
  if (code === 5) {
    return { schemaError: schemaLines.slice(0, maxErrors).join('\n'), results: [] };
  }
  if (code !== 0) {
    // Any failure xmllint reports without naming a file counts against every file not yet failed
    // only when no file was marked (e.g. an unreadable schema path).
    const marked = [...results.values()].some((r) => !r.ok);
    if (!marked) {
      for (const r of results.values()) {
        r.ok = false;
        r.errorCount = 1;
        r.errors.push({ text: schemaLines.slice(0, 5).join(' ') || `xmllint exit code ${code}` });
      }
    }
  }
  return { results: [...results.values()] };
}
