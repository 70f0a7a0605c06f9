import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { Parser } from 'htmlparser2';
import { indexParser, list, obj, text } from './tables.ts';

/**
 * Reading the index files. fileIndex.xml and docIndex.xml can list millions of entries, so they are
 * read as a stream of records; the other indices are small and parsed whole.
 */

/**
 * The records of a streamed index: every element `record` (e.g. `f` or `doc`) directly under the
 * root, as a map of its child elements' text. Namespace prefixes are ignored.
 */
export async function readRecords(file: string, record: string): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  let depth = 0;
  let current: Record<string, string> | null = null;
  let field: string | null = null;
  const local = (n: string) => (n.includes(':') ? n.slice(n.indexOf(':') + 1) : n);
  const parser = new Parser(
    {
      onopentag(name) {
        depth++;
        if (depth === 2 && local(name) === record) current = {};
        else if (depth === 3 && current) {
          field = local(name);
          current[field] = '';
        }
      },
      ontext(t) {
        if (depth === 3 && current && field) current[field] += t;
      },
      onclosetag() {
        if (depth === 3) field = null;
        if (depth === 2 && current) {
          for (const k of Object.keys(current)) current[k] = current[k]!.trim();
          out.push(current);
          current = null;
        }
        depth--;
      },
    },
    { xmlMode: true },
  );
  const decoder = new StringDecoder('utf8');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    parser.write(decoder.write(chunk as Buffer));
  }
  parser.end(decoder.end());
  return out;
}

export interface ArchiveIndex {
  id: string;
  /** The elements present, with their text (booleans as 'true'/'false'/'1'/'0'). */
  fields: Map<string, string[]>;
}

export function parseArchiveIndex(xml: string): ArchiveIndex {
  const root = obj(obj(indexParser.parse(xml) as unknown).archiveIndex);
  const fields = new Map<string, string[]>();
  for (const [k, v] of Object.entries(root)) fields.set(k, list(v).map(text));
  return { id: text(root.archiveInformationPackageID), fields };
}

export const isTrue = (v: string | undefined) => v === 'true' || v === '1';

export interface ContextDocument {
  id: string;
  title: string;
  /** The categories marked true (figur 6.2 names, e.g. systemPurpose). */
  categories: string[];
}

export function parseContextIndex(xml: string): ContextDocument[] {
  const root = obj(obj(indexParser.parse(xml) as unknown).contextDocumentationIndex);
  return list(root.document).map((d) => {
    const doc = obj(d);
    const categories: string[] = [];
    for (const group of Object.values(obj(doc.documentCategory))) {
      for (const [name, value] of Object.entries(obj(list(group)[0]))) {
        if (list(value).some((v) => isTrue(text(v)))) categories.push(name);
      }
    }
    return { id: text(doc.documentID), title: text(doc.documentTitle), categories };
  });
}
