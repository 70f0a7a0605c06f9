/**
 * npm run seed:scale -- --cases 1000000 [--documents-per-case 3] [--employees 6000] [--rooms 2000 --posts 200000] [--fresh]
 *
 * 10,000 users for the user administration, quickly: `npm run seed:scale -- --employees 10000 --cases 0 --fresh`.
 *
 * Builds a large, realistic database for measuring speed: on top of the demo municipality, N cases
 * of every type across the units (5 % confidential), each with a party and (by default) three
 * documents with text, all in the full-text index; with --rooms, collaboration rooms with threads and
 * --posts posts in all (one open room has a thread of 200+ replies, for the bench; see
 * seeds/rooms.ts seedScaleRooms). SQLite only (the embedded default, and what
 * the speed targets are stated for); it writes straight through better-sqlite3 in large
 * transactions, with the FTS5 index rebuilt once at the end, and prints its progress.
 *
 * Uses DATA_DIR like the server. Document files are a few dozen real PDF letters shared between
 * documents (content-addressed storage keeps one copy each); each document has its own text.
 */
import '../src/clock.ts';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { boot } from '../src/boot.ts';
import { loadConfig } from '../src/config.ts';
import { audit } from '../src/audit/service.ts';
import { hashPassword } from '../src/auth/password.ts';
import { createLogger } from '../src/http/logger.ts';
import { TYPE_PREFIX } from '../src/modules/cases/index.ts';
import { FIRST_NAMES, LAST_NAMES } from '../seeds/demo-org.ts';
import { makePdf } from '../seeds/files.ts';
import { seededRandom } from '../seeds/index.ts';
import { seedScaleRooms } from '../seeds/rooms.ts';
import { loadEmployees } from './scale/people.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    'documents-per-case': { type: 'string', default: '3' },
    // More employees in teams under the demo units, for the people directory and org chart.
    employees: { type: 'string', default: '0' },
    // Collaboration rooms and their posts in all (posts default to 100 per room).
    rooms: { type: 'string', default: '0' },
    posts: { type: 'string', default: '' },
    fresh: { type: 'boolean', default: false },
  },
});
const total = Number(values.cases);
const docsPerCase = Number(values['documents-per-case']);
const employees = Number(values.employees);
const rooms = Number(values.rooms);
const posts = values.posts ? Number(values.posts) : rooms * 100;
if (
  !Number.isInteger(total) ||
  total < 0 ||
  !Number.isInteger(docsPerCase) ||
  docsPerCase < 0 ||
  !Number.isInteger(employees) ||
  employees < 0 ||
  !Number.isInteger(rooms) ||
  rooms < 0 ||
  !Number.isInteger(posts) ||
  posts < 0
) {
  console.error(
    'Usage: npm run seed:scale -- --cases N [--documents-per-case 3] [--employees N] [--rooms N [--posts N]] [--fresh]',
  );
  process.exit(2);
}
const config = loadConfig();
if (config.databaseUrl) {
  console.error('seed:scale writes to the embedded SQLite database; unset DATABASE_URL.');
  process.exit(2);
}
const file = path.join(config.dataDir, 'samspil.sqlite');
if (values.fresh) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });

// Migrations, the demo municipality and its KLE plan, through the normal start-up path.
const { services } = await boot({ ...config, runJobs: false }, createLogger('warn'));
const log = (msg: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);

const r = seededRandom(Date.now() & 0xffff);
const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

const sqlite = new Database(file);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = OFF');
sqlite.pragma('cache_size = -200000');
sqlite.pragma('temp_store = MEMORY');

if (employees > 0) {
  log(`loading ${employees.toLocaleString('da-DK')} employees`);
  // One hash of a random password for the scale accounts with a local password (nobody knows it).
  const made = loadEmployees(sqlite, employees, r, await hashPassword(randomUUID(), 2 ** 10));
  log(
    `${made.employees.toLocaleString('da-DK')} employees in ${made.units} teams, ${made.skills.toLocaleString('da-DK')} skills`,
  );
}

const units = sqlite.prepare("select id from org_units where kind = 'unit'").all() as Array<{ id: number }>;
const users = sqlite.prepare('select id, org_unit_id from users where is_active = 1').all() as Array<{
  id: string;
  org_unit_id: number | null;
}>;
const byUnit = new Map<number, string[]>();
for (const u of users)
  if (u.org_unit_id != null) byUnit.set(u.org_unit_id, [...(byUnit.get(u.org_unit_id) ?? []), u.id]);
const subjects = sqlite
  .prepare('select number, retention, retention_years from kle_subjects where level = 3 and expired_date is null')
  .all() as Array<{ number: string; retention: string | null; retention_years: number | null }>;
const facets = (sqlite.prepare('select code from kle_facets').all() as Array<{ code: string }>).map((f) => f.code);

/**
 * Document text is drawn from a Zipf distribution (the k-th most common word appears about 1/k as
 * often as the most common), as in real text: a few words are everywhere, most are rare. The
 * vocabulary has tiers: common administrative words, domain words (carport, rollator, lokalplan
 * …), compound words and names, and a long tail of made-up Danish-looking words, so a search for a
 * domain word hits a realistic few per cent of the documents rather than half of them.
 */
const COMMON = (
  'kommunen sagen ansøgning afgørelse borger henvendelse dato venlig hilsen vedrørende oplysninger ' +
  'bemærkninger forvaltningen medarbejder leder svar brev mail telefon møde aftale frist klage høring bilag ' +
  'notat referat beslutning udvalg byråd direktør afdeling enhed adresse ejendom grund projekt område plan ' +
  'budget økonomi tilskud bevilling regler lov paragraf vejledning dokument side kopi'
).split(' ');
const DOMAIN = (
  'carport tilbygning udestue garage altan kvist skel nabo partshøring tagvand nedsivning faskine ' +
  'bebyggelsesprocent lokalplan kommuneplan servitut tinglysning matrikel hjælpemiddel rollator kørestol ' +
  'boligindretning visitation hjemmehjælp genoptræning plejebolig pårørende dagtilbud vuggestue børnehave ' +
  'fripladstilskud søskendetilskud skolebus lejrskole skolemad elevråd forældremøde regnskab tillægsbevilling ' +
  'anlæg drift merforbrug mindreforbrug likviditet revision kontrakt udbud tilbud miljøtilsyn spildevand støj ' +
  'lugt affald genbrug jordforurening grundvand vandløb naturpleje fredning vildt vej fortov cykelsti ' +
  'vejbelysning trafiksikkerhed hastighed parkering vintertjeneste saltning belægning aktindsigt tavshedspligt ' +
  'notatpligt begrundelse klagevejledning påmindelse rykker svarfrist dokumentation forening virksomhed ' +
  'borgmester sekretariat tegning situationsplan facade snit målestok foto beskrivelse redegørelse dagsorden ' +
  'protokol byggetilladelse dispensation ibrugtagning skorsten ildsted brandsyn flugtvej legeplads ' +
  'sundhedspleje tandpleje skolesundhed hjemmesygepleje demens rehabilitering handicap bostøtte misbrug ' +
  'ledighed jobcenter praktik løntilskud sygedagpenge kontanthjælp ressourceforløb flexjob førtidspension'
).split(' ');
const FIRST = [
  'bygge',
  'skole',
  'vej',
  'miljø',
  'social',
  'børne',
  'ældre',
  'plan',
  'natur',
  'affalds',
  'trafik',
  'sundheds',
  'kultur',
  'idræts',
  'borger',
  'erhvervs',
  'budget',
  'personale',
  'ejendoms',
  'havne',
];
const SECOND = [
  'sag',
  'tilladelse',
  'plan',
  'tilsyn',
  'klage',
  'ansøgning',
  'afgørelse',
  'møde',
  'udvalg',
  'område',
  'bolig',
  'center',
  'pulje',
  'aftale',
  'rapport',
  'notat',
  'vejledning',
  'politik',
  'strategi',
  'undersøgelse',
];
const COMPOUNDS = FIRST.flatMap((a) => SECOND.map((b) => a + b));
const SYLLABLES = [
  'ba',
  'be',
  'bo',
  'da',
  'de',
  'di',
  'fa',
  'fe',
  'ga',
  'ge',
  'ha',
  'he',
  'ka',
  'ke',
  'la',
  'le',
  'ly',
  'ma',
  'me',
  'na',
  'ne',
  'ny',
  'pa',
  'pe',
  'ra',
  're',
  'sa',
  'se',
  'sø',
  'ta',
  'te',
  'to',
  'va',
  've',
  'æl',
  'ør',
  'ån',
  'ring',
  'strup',
  'holm',
  'lund',
  'skov',
  'bæk',
  'gård',
];
const TAIL: string[] = [];
{
  const gen = seededRandom(1234);
  const seen = new Set<string>();
  while (TAIL.length < 15_000) {
    const n = 2 + Math.floor(gen() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(gen() * SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      TAIL.push(w);
    }
  }
}
const VOCABULARY = [...COMMON, ...COMPOUNDS, ...LAST_NAMES.map((n) => n.toLowerCase()), ...DOMAIN, ...TAIL];
/** Cumulative Zipf weights (exponent 1) over the vocabulary, for sampling by binary search. */
const CUMULATIVE = (() => {
  const out = new Float64Array(VOCABULARY.length);
  let sum = 0;
  for (let k = 0; k < VOCABULARY.length; k++) out[k] = sum += 1 / (k + 1);
  for (let k = 0; k < out.length; k++) out[k]! /= sum;
  return out;
})();
function word(): string {
  const x = r();
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo]!;
}
const WORDS = DOMAIN;
const STREETS = [
  'Østergade',
  'Vestergade',
  'Søndergade',
  'Nørregade',
  'Birkevej',
  'Skovvej',
  'Møllevej',
  'Engvej',
  'Bøgevej',
  'Stationsvej',
  'Havnevej',
  'Ålekistevej',
  'Lærkevej',
];
const TYPES = ['subject', 'geo', 'citizen', 'company', 'access_request'] as const;
const TYPE_WEIGHT = [0.3, 0.25, 0.3, 0.1, 0.05];
const DOC_TITLES = [
  'Ansøgning',
  'Afgørelse',
  'Høringssvar',
  'Partshøring',
  'Notat',
  'Referat',
  'Klage',
  'Kvittering',
  'Tegning',
  'Bilag',
];

function text(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(word());
  return out.join(' ');
}
const person = () => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;

// A few dozen real PDF letters, stored once each and shared between documents.
log('making the shared document files');
const shared: Array<{ sha: string; size: number }> = [];
for (let i = 0; i < 40; i++) {
  const pdf = await makePdf([`${pick(DOC_TITLES)} ${i + 1}`, text(60), text(60)]);
  shared.push({ sha: await services.blobs.put(services.database, pdf), size: pdf.length });
}

// Full-text triggers off during the load; the index is rebuilt in one pass afterwards.
sqlite.exec(
  'drop trigger if exists search_entries_ai; drop trigger if exists search_entries_ad; drop trigger if exists search_entries_au;',
);

const insertCase =
  sqlite.prepare(`insert into cases (number, type, title, description, status, kle_number, facet_code, parent_id, unit_id, caseworker_id,
  confidential, retention, retention_years, retention_overridden, address, geometry, geo_lat, geo_lng, created_at, created_by, updated_at, closed_at, archived_at)
  values (?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const insertAccess = sqlite.prepare('insert into case_access (case_id, user_id, unit_id) values (?, null, ?)');
const insertParty = sqlite.prepare(
  `insert into case_parties (case_id, kind, role, name, cpr, cvr, address, email, phone, created_at, created_by) values (?, ?, 'party', ?, ?, ?, ?, null, null, ?, ?)`,
);
const insertDoc =
  sqlite.prepare(`insert into documents (case_id, number, title, kind, direction, document_date, sender, recipient, parent_id, current_version,
  journalised_at, journalised_by, finalised_at, finalised_by, created_at, created_by, updated_at) values (?, ?, ?, 'file', ?, ?, ?, null, null, 1, ?, ?, ?, ?, ?, ?, ?)`);
const insertVersion =
  sqlite.prepare(`insert into document_versions (document_id, version, blob_sha256, filename, mime, size, text_status, text_content,
  rendition_sha256, rendition_status, locked, note, created_at, created_by) values (?, 1, ?, ?, 'application/pdf', ?, 'extracted', ?, null, 'not_needed', ?, null, ?, ?)`);
const insertEntry = sqlite.prepare(
  'insert into search_entries (kind, ref_id, case_id, title, body, updated_at) values (?, ?, ?, ?, ?, ?)',
);

const seq = new Map<string, number>();
for (const row of sqlite
  .prepare("select key, last_value from number_sequences where key like 'case:%'")
  .all() as Array<{ key: string; last_value: number }>)
  seq.set(row.key, row.last_value);

const started = Date.now();
const now = Date.now();
const batch = 10_000;
let done = 0;
const load = sqlite.transaction((count: number) => {
  for (let i = 0; i < count; i++) {
    let x = r();
    let ti = 0;
    while (ti < TYPE_WEIGHT.length - 1 && x > TYPE_WEIGHT[ti]!) x -= TYPE_WEIGHT[ti++]!;
    const type = TYPES[ti]!;
    const created = new Date(now - Math.floor(r() * 5 * 365) * 86400_000 - Math.floor(r() * 86400_000));
    const year = created.getUTCFullYear();
    const key = `case:${TYPE_PREFIX[type]}-${year}`;
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    const number = `${TYPE_PREFIX[type]}-${year}-${String(n).padStart(6, '0')}`;
    const unit = pick(units).id;
    const worker = pick(byUnit.get(unit) ?? users.map((u) => u.id));
    const kle = pick(subjects);
    const name = person();
    const street = `${pick(STREETS)} ${1 + Math.floor(r() * 90)}, 4000 Skovlund`;
    const title = `${pick(['Ansøgning om', 'Klage over', 'Tilsyn med', 'Henvendelse om', 'Sag om'])} ${pick(WORDS)} ${type === 'geo' ? `– ${street.split(',')[0]}` : `(${name})`}`;
    const description = text(25);
    const age = (now - created.getTime()) / 86400_000;
    const status = age > 400 ? (r() < 0.4 ? 'archived' : 'closed') : age > 90 && r() < 0.6 ? 'closed' : 'open';
    const confidential = r() < 0.05 ? 1 : 0;
    const lat = 55.6415 + (r() - 0.5) * 0.2;
    const lng = 12.0803 + (r() - 0.5) * 0.3;
    const at = created.toISOString();
    const updated = new Date(Math.min(now, created.getTime() + Math.floor(r() * 60) * 86400_000)).toISOString();
    const caseId = Number(
      insertCase.run(
        number,
        type,
        title,
        description,
        status,
        kle.number,
        pick(facets),
        unit,
        worker,
        confidential,
        kle.retention ?? 'review',
        kle.retention_years,
        type === 'geo' ? street : null,
        type === 'geo' ? JSON.stringify({ type: 'Point', coordinates: [lng, lat] }) : null,
        type === 'geo' ? lat : null,
        type === 'geo' ? lng : null,
        at,
        worker,
        updated,
        status === 'open' ? null : updated,
        status === 'archived' ? updated : null,
      ).lastInsertRowid,
    );
    if (confidential) insertAccess.run(caseId, unit);
    const company = type === 'company';
    insertParty.run(
      caseId,
      company ? 'company' : 'person',
      company ? `${pick(LAST_NAMES)} ApS` : name,
      null,
      company ? '29403473' : null,
      street,
      at,
      worker,
    );
    insertEntry.run(
      'case',
      caseId,
      caseId,
      `${number} ${title}`,
      `${description}\n${company ? `${name} ApS` : name}\n${street}`,
      updated,
    );
    for (let d = 0; d < docsPerCase; d++) {
      const blob = pick(shared);
      const docTitle = `${pick(DOC_TITLES)} – ${pick(WORDS)}`;
      const body = text(40 + Math.floor(r() * 60));
      const dAt = new Date(created.getTime() + d * 86400_000).toISOString();
      const journalised = status !== 'open' || r() < 0.7;
      const docId = Number(
        insertDoc.run(
          caseId,
          journalised ? d + 1 : null,
          docTitle,
          pick(['incoming', 'outgoing', 'internal']),
          dAt.slice(0, 10),
          name,
          journalised ? dAt : null,
          journalised ? worker : null,
          status !== 'open' ? dAt : null,
          status !== 'open' ? worker : null,
          dAt,
          worker,
          dAt,
        ).lastInsertRowid,
      );
      insertVersion.run(docId, blob.sha, `${docTitle}.pdf`, blob.size, body, status !== 'open' ? 1 : 0, dAt, worker);
      insertEntry.run('document', docId, caseId, docTitle, `${name}\n${body}`, dAt);
    }
  }
});

log(`loading ${total.toLocaleString('da-DK')} cases with ${docsPerCase} documents each`);
while (done < total) {
  const count = Math.min(batch, total - done);
  load(count);
  done += count;
  if (done % 50_000 === 0 || done === total) {
    const secs = (Date.now() - started) / 1000;
    const rate = done / secs;
    log(
      `${done.toLocaleString('da-DK')} cases (${Math.round(rate).toLocaleString('da-DK')}/s, about ${Math.round((total - done) / rate)} s left)`,
    );
  }
}
const upsertSeq = sqlite.prepare(
  'insert into number_sequences (key, last_value) values (?, ?) on conflict(key) do update set last_value = max(last_value, excluded.last_value)',
);
sqlite.transaction(() => {
  for (const [key, value] of seq) upsertSeq.run(key, value);
})();

log('rebuilding the full-text index');
sqlite.exec("insert into search_fts(search_fts) values ('rebuild')");
sqlite.exec(`
  create trigger search_entries_ai after insert on search_entries begin
    insert into search_fts(rowid, title, body) values (new.id, new.title, new.body); end;
  create trigger search_entries_ad after delete on search_entries begin
    insert into search_fts(search_fts, rowid, title, body) values ('delete', old.id, old.title, old.body); end;
  create trigger search_entries_au after update on search_entries begin
    insert into search_fts(search_fts, rowid, title, body) values ('delete', old.id, old.title, old.body);
    insert into search_fts(rowid, title, body) values (new.id, new.title, new.body); end;`);
if (rooms > 0) {
  log(`loading ${rooms.toLocaleString('da-DK')} rooms with ${posts.toLocaleString('da-DK')} posts`);
  seedScaleRooms(sqlite, { rooms, posts, users, random: r, log });
}
log('optimising (ANALYZE)');
sqlite.exec("insert into search_fts(search_fts) values ('optimize')");
sqlite.exec('analyze');
sqlite.pragma('wal_checkpoint(TRUNCATE)');
sqlite.close();

await audit(services.database, {
  actor: null,
  action: 'seed.scale',
  summary: `Loaded ${total} scale-test cases with ${total * docsPerCase} documents${rooms ? ` and ${rooms} rooms with ${posts} posts` : ''}`,
  details: { cases: total, documents: total * docsPerCase, rooms, posts },
});
await services.database.destroy();
const size = fs.statSync(file).size;
log(`done in ${Math.round((Date.now() - started) / 1000)} s; database ${(size / 1024 ** 3).toFixed(2)} GB at ${file}`);
