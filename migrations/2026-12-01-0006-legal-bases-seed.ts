import type { Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';

/**
 * The legal bases a decision on access to records may rest on, as every installation starts with
 * them; admins keep the list afterwards (Administration → Hjemler, /admin/legal-bases). This is the
 * one data file of the list: a migration, so that it is written once and never changes under a
 * database that has it (later changes are the admins' own).
 *
 * Sources, checked against the text of the laws:
 * - Offentlighedsloven: lov nr. 606 af 12. juni 2013 om offentlighed i forvaltningen (as
 *   consolidated later; the section numbers of chapter 4, §§ 19–35, are unchanged). Short titles
 *   follow the law's own wording of each section.
 * - Forvaltningsloven: lovbekendtgørelse af forvaltningsloven, chapter 4 (§§ 9–15 c) as amended in
 *   2013 in the light of the new Offentlighedslov (L 145, 2012-13).
 *
 * Not a basis, so not here: offl. § 26 (internal documents in final form ARE open), § 28 and § 29
 * (extraction of facts and assessments: recorded on the decision as "extraction"), § 34 (partial
 * access), § 14 (meroffentlighed: recorded on the decision) and fvl. § 15 c (partial access).
 *
 * Rows with `active: 0` are sections whose short title could not be checked against the law text
 * when this list was written: they wait for an admin to check the title and switch them on.
 */
export const LEGAL_BASES: ReadonlyArray<{ law: 'offl' | 'fvl'; section: string; title: string; active?: 0 }> = [
  { law: 'offl', section: '§ 19', title: 'Sager inden for strafferetsplejen' },
  { law: 'offl', section: '§ 20', title: 'Sager om lovgivning, før lovforslag er fremsat' },
  { law: 'offl', section: '§ 21, stk. 1', title: 'Sager om ansættelse eller forfremmelse' },
  { law: 'offl', section: '§ 21, stk. 2', title: 'Personalesager (enkeltpersoners ansættelsesforhold)' },
  { law: 'offl', section: '§ 22', title: 'Sager om førelse af en kalender' },
  { law: 'offl', section: '§ 23', title: 'Interne dokumenter' },
  { law: 'offl', section: '§ 24', title: 'Ministerbetjening' },
  {
    law: 'offl',
    section: '§ 25',
    title: 'Dokumenter udvekslet mellem KL, Danske Regioner og deres medlemmer',
  },
  { law: 'offl', section: '§ 27, nr. 1', title: 'Statsrådsprotokoller' },
  {
    law: 'offl',
    section: '§ 27, nr. 2',
    title: 'Dokumenter mellem ministre og folketingsmedlemmer om lovgivning',
  },
  { law: 'offl', section: '§ 27, nr. 3', title: 'Sekretariatsopgaver for en anden myndighed' },
  { law: 'offl', section: '§ 27, nr. 4', title: 'Brevveksling med sagkyndige til brug i retssager' },
  {
    law: 'offl',
    section: '§ 27, nr. 5',
    title: 'Materiale til offentlig statistik eller videnskabelige undersøgelser',
  },
  { law: 'offl', section: '§ 30, nr. 1', title: 'Enkeltpersoners private, herunder økonomiske, forhold' },
  {
    law: 'offl',
    section: '§ 30, nr. 2',
    title: 'Tekniske indretninger og fremgangsmåder, drifts- eller forretningsforhold',
  },
  { law: 'offl', section: '§ 31', title: 'Statens sikkerhed eller rigets forsvar' },
  { law: 'offl', section: '§ 32', title: 'Rigets udenrigspolitiske interesser' },
  {
    law: 'offl',
    section: '§ 33, nr. 1',
    title: 'Forebyggelse, efterforskning og forfølgning af lovovertrædelser',
  },
  {
    law: 'offl',
    section: '§ 33, nr. 2',
    title: 'Offentlig kontrol, regulerings- eller planlægningsvirksomhed',
  },
  { law: 'offl', section: '§ 33, nr. 3', title: 'Det offentliges økonomiske interesser' },
  {
    law: 'offl',
    section: '§ 33, nr. 4',
    title: 'Forskeres og kunstneres originale ideer og foreløbige forskningsresultater',
  },
  { law: 'offl', section: '§ 33, nr. 5', title: 'Private og offentlige interesser (generalklausulen)' },
  { law: 'offl', section: '§ 35', title: 'Særlig tavshedspligt fastsat ved lov' },
  { law: 'fvl', section: '§ 9, stk. 3', title: 'Sager om ansættelse og forfremmelse: kun egne forhold' },
  { law: 'fvl', section: '§ 12', title: 'Interne dokumenter' },
  { law: 'fvl', section: '§ 14', title: 'Særlige dokumenter', active: 0 },
  { law: 'fvl', section: '§ 15', title: 'Statens sikkerhed eller rigets forsvar' },
  { law: 'fvl', section: '§ 15 a', title: 'Rigets udenrigspolitiske interesser', active: 0 },
  { law: 'fvl', section: '§ 15 b', title: 'Afgørende hensyn til offentlige og private interesser' },
];

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('legal_bases')
    .values(
      LEGAL_BASES.map((b, i) => ({
        law: b.law,
        section: b.section,
        title: b.title,
        active: b.active ?? 1,
        position: (i + 1) * 10,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
