import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../db/index.ts';
import type { BlobStore } from '../../../files/blobs.ts';
import { insertTestKle } from '../../../../test/helpers/kle.ts';
import { makeEml } from '../../../../seeds/files.ts';
import { makePdf, makePng } from '../../documents/documents.fixtures.ts';

/**
 * A small archival period for the exporter's tests: cases closed in 2021–2025 and archived, with
 * documents of every kind the exporter handles (a PDF, a Word file with its rendition, an e-mail
 * known only by its text, with a PDF attachment, a colour image never finalised, a blocked
 * attachment with nothing to show, a document in its second version, one not journalised), parties
 * with CPR and CVR numbers, notes with characters bilag 5 does not allow, and relations. Around
 * them: a case to be disposed of (left out), one closed in the next period, one closed at the
 * period's first Copenhagen hour (in) and one at its last (out).
 */

export const FIXTURE_PERIOD = { start: '2021-01-01', end: '2025-12-31' } as const;

/** The five-year period from `firstYear` (the default settings' periods start in 2016, 2021, …). */
export function fixturePeriod(firstYear: number): { start: string; end: string } {
  return { start: `${firstYear}-01-01`, end: `${firstYear + 4}-12-31` };
}
/** A day after the period ended. */
export const FIXTURE_TODAY = '2026-06-01';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../../test/fixtures/arkiveringsversion-128');
export const haveXmllint = spawnSync('xmllint', ['--version']).status === 0;
if (!haveXmllint && process.env.REQUIRE_XMLLINT === '1') throw new Error('xmllint not found; install libxml2-utils');
export const haveGhostscript = spawnSync(process.env.GS_PATH ?? 'gs', ['--version']).status === 0;
if (!haveGhostscript && process.env.REQUIRE_GHOSTSCRIPT === '1')
  throw new Error('Ghostscript (gs) not found; install the Debian package ghostscript');

/** Validates an XML file against a schema with xmllint. */
export function xmllint(file: string, schema: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

export interface SeededPeriod {
  unitId: number;
  /** Numbers of the cases that belong in the archival version. */
  inExport: string[];
  /** Journalised documents in those cases. */
  documents: number;
  disposeCase: string;
}

interface DocSpec {
  title: string;
  kind?: 'file' | 'email';
  direction?: 'incoming' | 'outgoing' | 'internal';
  date?: string;
  filename: string;
  mime: string;
  bytes: Buffer;
  rendition?: Buffer;
  renditionStatus?: 'not_needed' | 'pending' | 'made' | 'unavailable' | 'failed';
  text?: string | null;
  parent?: number;
  journalised?: boolean;
  /** An earlier version to put before this one. */
  earlier?: Buffer;
  sender?: string | null;
}

let caseCounter = 0;

export async function insertCase(
  database: Database,
  unitId: number,
  c: {
    title: string;
    kle?: string;
    facet?: string;
    type?: 'subject' | 'geo' | 'citizen' | 'company' | 'access_request';
    retention: 'preserve' | 'dispose' | 'review';
    status?: 'open' | 'closed' | 'archived';
    closedAt: string | null;
    confidential?: boolean;
    description?: string | null;
  },
): Promise<{ id: number; number: string }> {
  caseCounter++;
  const number = `ARK-${(c.closedAt ?? '2026').slice(0, 4)}-${String(caseCounter).padStart(6, '0')}`;
  const created = c.closedAt
    ? new Date(Date.parse(c.closedAt) - 30 * 86400_000).toISOString()
    : '2026-01-01T09:00:00.000Z';
  const status = c.status ?? 'archived';
  const { id } = await database.db
    .insertInto('cases')
    .values({
      number,
      type: c.type ?? 'subject',
      title: c.title,
      description: c.description ?? null,
      status,
      kle_number: c.kle ?? '02.34.02',
      facet_code: c.facet ?? 'P20',
      parent_id: null,
      unit_id: unitId,
      caseworker_id: null,
      confidential: c.confidential ? 1 : 0,
      retention: c.retention,
      retention_years: c.retention === 'dispose' ? 5 : null,
      retention_overridden: 0,
      retention_reason: null,
      deletion_due_on: null,
      address: null,
      geometry: null,
      geo_lat: null,
      geo_lng: null,
      created_at: created,
      created_by: null,
      updated_at: c.closedAt ?? created,
      closed_at: c.closedAt,
      archived_at:
        status === 'archived' && c.closedAt ? new Date(Date.parse(c.closedAt) + 90 * 86400_000).toISOString() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(id), number };
}

export async function insertDocument(
  database: Database,
  blobs: BlobStore,
  caseId: number,
  number: number,
  d: DocSpec,
): Promise<number> {
  const journalised = d.journalised !== false;
  const at = `${d.date ?? '2023-02-01'}T10:00:00.000Z`;
  const { id } = await database.db
    .insertInto('documents')
    .values({
      case_id: caseId,
      number: journalised ? number : null,
      title: d.title,
      kind: d.kind ?? 'file',
      direction: d.direction ?? 'incoming',
      document_date: d.date ?? '2023-02-01',
      sender: d.sender ?? 'Mette Sørensen',
      recipient: null,
      parent_id: d.parent ?? null,
      current_version: d.earlier ? 2 : 1,
      journalised_at: journalised ? at : null,
      journalised_by: null,
      finalised_at: journalised ? at : null,
      finalised_by: null,
      postlist_title: null,
      created_at: at,
      created_by: null,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const versions: Array<{ bytes: Buffer; version: number; last: boolean }> = d.earlier
    ? [
        { bytes: d.earlier, version: 1, last: false },
        { bytes: d.bytes, version: 2, last: true },
      ]
    : [{ bytes: d.bytes, version: 1, last: true }];
  for (const v of versions) {
    const sha = await blobs.put(database, v.bytes);
    const rendition = v.last && d.rendition ? await blobs.put(database, d.rendition) : null;
    await database.db
      .insertInto('document_versions')
      .values({
        document_id: Number(id),
        version: v.version,
        blob_sha256: sha,
        filename: v.last ? d.filename : `tidligere-${d.filename}`,
        mime: d.mime,
        size: v.bytes.length,
        text_status: d.text ? 'extracted' : 'empty',
        text_content: v.last ? (d.text ?? null) : 'Den tidligere version',
        rendition_sha256: rendition,
        rendition_status: v.last
          ? (d.renditionStatus ?? (d.mime === 'application/pdf' ? 'not_needed' : 'pending'))
          : 'pending',
        locked: 0,
        note: null,
        created_at: at,
        created_by: null,
      })
      .execute();
  }
  return Number(id);
}

export async function insertUnit(database: Database): Promise<number> {
  const now = '2020-01-01T00:00:00.000Z';
  const { id: root } = await database.db
    .insertInto('org_units')
    .values({
      parent_id: null,
      kind: 'municipality',
      name: 'Skovlund Kommune',
      short_name: null,
      email: null,
      phone: null,
      sort_order: 0,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id } = await database.db
    .insertInto('org_units')
    .values({
      parent_id: Number(root),
      kind: 'unit',
      name: 'Byggeri',
      short_name: null,
      email: null,
      phone: null,
      sort_order: 0,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** The fixture period; `extraDocuments` adds that many one-page PDF letters on a further case (the speed measurement). */
export async function seedArchivedPeriod(
  database: Database,
  blobs: BlobStore,
  opts: { extraDocuments?: number; firstYear?: number } = {},
): Promise<SeededPeriod> {
  // Every date moves with the period (the fixture is written for 2021–2025).
  const shift = (opts.firstYear ?? 2021) - 2021;
  const y = (iso: string) => `${Number(iso.slice(0, 4)) + shift}${iso.slice(4)}`;
  await insertTestKle(database);
  const unitId = await insertUnit(database);
  const inExport: string[] = [];
  let documents = 0;

  // 1. A preserved building permit with a bit of everything.
  const permit = await insertCase(database, unitId, {
    title: '  Byggetilladelse, carport Østergade 12  ',
    retention: 'preserve',
    closedAt: y('2023-03-10T12:00:00.000Z'),
    description: 'Carport & skur <20 m²> "Østergade" – ansøgers \'ønske\'',
  });
  inExport.push(permit.number);
  await insertDocument(database, blobs, permit.id, 1, {
    title: 'Ansøgning om byggetilladelse',
    filename: 'ansoegning.pdf',
    mime: 'application/pdf',
    bytes: await makePdf(['Ansøgning om carport, side 1', 'Side 2 med tegninger']),
  });
  await insertDocument(database, blobs, permit.id, 2, {
    title: 'Notat om sagen',
    direction: 'internal',
    filename: 'notat.docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    bytes: Buffer.from('PK not really a docx: the rendition is what is exported'),
    rendition: await makePdf(['Notat (PDF-kopi fra endeliggørelsen)']),
    renditionStatus: 'made',
    text: 'Notat',
  });
  const mail = await insertDocument(database, blobs, permit.id, 3, {
    title: 'Mail fra ansøger',
    kind: 'email',
    filename: 'mail.eml',
    mime: 'message/rfc822',
    bytes: makeEml({
      from: 'Mette Sørensen <mette@example.dk>',
      to: 'byg@skovlund.dk',
      subject: 'Tegninger til carport',
      date: 'Tue, 14 Feb 2023 10:00:00 +0100',
      body: 'Hej kommune\n\nHer er tegningerne til min carport.\n\nVenlig hilsen\nMette',
    }),
    // Journalised, never finalised: the export makes the e-mail's PDF itself.
    renditionStatus: 'pending',
    text: 'Hej kommune',
  });
  await insertDocument(database, blobs, permit.id, 4, {
    title: 'Tegning (vedhæftet)',
    filename: 'tegning.pdf',
    mime: 'application/pdf',
    bytes: await makePdf(['Tegning af carport']),
    parent: mail,
  });
  await insertDocument(database, blobs, permit.id, 5, {
    title: 'Foto af grunden',
    filename: 'foto.png',
    mime: 'image/png',
    bytes: makePng(60, 40, [200, 30, 30]),
    renditionStatus: 'pending',
  });
  await insertDocument(database, blobs, permit.id, 6, {
    title: 'Blokeret vedhæftning',
    filename: 'program.exe.bin',
    mime: 'application/octet-stream',
    bytes: Buffer.from('MZ blocked'),
    renditionStatus: 'failed',
    text: null,
  });
  await insertDocument(database, blobs, permit.id, 7, {
    title: 'Afgørelse',
    direction: 'outgoing',
    filename: 'afgoerelse.pdf',
    mime: 'application/pdf',
    earlier: await makePdf(['Udkast til afgørelse']),
    bytes: await makePdf(['Afgørelse: byggetilladelse gives']),
    date: y('2023-03-01'),
  });
  await insertDocument(database, blobs, permit.id, 8, {
    title: 'Referat af møde',
    direction: 'internal',
    filename: 'referat.docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    // Damaged: no rendition could be made, only its text is known.
    bytes: Buffer.from('not a zip file at all'),
    renditionStatus: 'failed',
    text: 'Referat af mødet på grunden\n\nDeltagere: ansøger og sagsbehandler.',
  });
  await insertDocument(database, blobs, permit.id, 0, {
    title: 'Kladde, ikke journaliseret',
    filename: 'kladde.pdf',
    mime: 'application/pdf',
    bytes: await makePdf(['Kladde']),
    journalised: false,
  });
  documents += 8;
  await database.db
    .insertInto('case_parties')
    .values([
      {
        case_id: permit.id,
        kind: 'person',
        role: 'party',
        name: 'Mette Sørensen',
        cpr: '010190-1234',
        cvr: null,
        address: 'Østergade 12, 4000 Skovlund',
        email: null,
        phone: null,
        created_at: y('2023-02-01T10:00:00.000Z'),
        created_by: null,
      },
      {
        case_id: permit.id,
        kind: 'company',
        role: 'representative',
        name: 'Carport ApS',
        cpr: null,
        cvr: '29189757',
        address: null,
        email: 'info@carport.dk',
        phone: null,
        created_at: y('2023-02-01T10:00:00.000Z'),
        created_by: null,
      },
    ])
    .execute();
  await database.db
    .insertInto('case_notes')
    .values({
      case_id: permit.id,
      author_id: null,
      author_name: 'Kasper Lindholm',
      // A control character, a private-use character and a C1 control: bilag 5, 5.D.
      body: 'Ringet til ansøger\u0001 om\uE000 skur\u0085 – aftalt møde & "tegninger" <senest> fredag\r\nNy linje',
      created_at: y('2023-02-15T09:30:00.000Z'),
    })
    .execute();

  // 2. A citizen case to be reviewed, closed in the period's first Copenhagen hour.
  const review = await insertCase(database, unitId, {
    title: 'Hjemmehjælp',
    kle: '27.00.00',
    facet: 'G01',
    type: 'citizen',
    retention: 'review',
    closedAt: y('2020-12-31T23:30:00.000Z'),
    confidential: true,
  });
  inExport.push(review.number);
  await insertDocument(database, blobs, review.id, 1, {
    title: 'Visitation',
    filename: 'visitation.pdf',
    mime: 'application/pdf',
    bytes: await makePdf(['Visitation til hjemmehjælp']),
    date: y('2020-12-01'),
  });
  documents += 1;

  // Relations: permit ↔ review (both in), permit ↔ a case of the next period (out).
  const later = await insertCase(database, unitId, {
    title: 'Carport, ny ansøgning',
    retention: 'preserve',
    closedAt: y('2025-12-31T23:30:00.000Z'), // 2026-01-01 in Copenhagen: the next period
  });
  for (const [a, b] of [
    [permit.id, review.id],
    [review.id, permit.id],
    [permit.id, later.id],
    [later.id, permit.id],
  ] as const)
    await database.db
      .insertInto('case_relations')
      .values({ case_id: a, related_id: b, created_at: y('2023-03-01T08:00:00.000Z'), created_by: null })
      .execute();

  // 3. To be disposed of: left out.
  const dispose = await insertCase(database, unitId, {
    title: 'Byggeri i almindelighed',
    kle: '02.00.00',
    facet: 'G01',
    retention: 'dispose',
    closedAt: y('2022-05-05T10:00:00.000Z'),
  });
  await insertDocument(database, blobs, dispose.id, 1, {
    title: 'Forespørgsel',
    filename: 'sporgsmaal.pdf',
    mime: 'application/pdf',
    bytes: await makePdf(['Forespørgsel']),
  });

  // 4. Many one-page letters, when asked for.
  if (opts.extraDocuments) {
    const bulk = await insertCase(database, unitId, {
      title: 'Breve',
      retention: 'preserve',
      closedAt: y('2024-06-01T10:00:00.000Z'),
    });
    inExport.push(bulk.number);
    for (let i = 1; i <= opts.extraDocuments; i++)
      await insertDocument(database, blobs, bulk.id, i, {
        title: `Brev ${i}`,
        filename: `brev-${i}.pdf`,
        mime: 'application/pdf',
        bytes: await makePdf([`Brev nummer ${i} om sagen. `.repeat(40)]),
      });
    documents += opts.extraDocuments;
  }
  return { unitId, inExport, documents, disposeCase: dispose.number };
}

/** Every file under dir, relative, with forward slashes. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}
