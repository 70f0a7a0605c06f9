import type { AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { validateCpr } from '../../identity/index.ts';
import type { Locale } from '../../i18n/index.ts';
import { queueMail } from '../../mail/outbox.ts';
import { templatedMail, type MailTemplateId } from '../../mail/mail-templates.ts';
import { addParty, type CaseRow } from '../cases/index.ts';
import type { PersonRegister } from '../registers/index.ts';
import type { AccessRequestRow } from './access.ts';

/**
 * How access requests reach their requester: by the letters module (Digital Post, or remote
 * print for someone exempt) when the requester has a CPR or CVR number, which makes them a party
 * of the AKT case; by e-mail with the PDF attached; or on paper, printed and posted by hand.
 */

/** What sending a letter needs from the app: the CPR register that decides the channel, and the sender's CVR fallback. */
export interface LetterPost {
  register: PersonRegister;
  /** The municipality's CVR number from the configuration (SERVICEPLATFORMEN_CVR), when the setting is empty. */
  defaultSenderCvr?: string | null;
}

type Requester = Pick<
  AccessRequestRow,
  'requester_name' | 'requester_cpr' | 'requester_cvr' | 'requester_address' | 'requester_email' | 'requester_phone'
>;

/**
 * The requester as a party of the AKT case (the party letters go to): found by CPR or CVR
 * number, else added (a person by CPR, a company by CVR; a request registered before requesters
 * became parties gets theirs the first time a letter goes out). null without either number.
 * Joins the caller's transaction.
 */
export async function requesterParty(
  database: Database,
  r: Requester,
  kase: CaseRow,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<number | null> {
  if (!r.requester_cpr && !r.requester_cvr) return null;
  // As case parties store it (validateCpr's form), whatever form the request row holds.
  const valid = r.requester_cpr ? validateCpr(r.requester_cpr) : null;
  const cpr = valid?.ok ? valid.cpr : r.requester_cpr;
  const found = await database.db
    .selectFrom('case_parties')
    .select('id')
    .where('case_id', '=', kase.id)
    .where(cpr ? 'cpr' : 'cvr', '=', (cpr ?? r.requester_cvr)!)
    .orderBy('id')
    .executeTakeFirst();
  if (found) return found.id;
  const added = await addParty(
    database,
    kase,
    {
      kind: r.requester_cpr ? 'person' : 'company',
      role: 'party',
      name: r.requester_name,
      cpr: cpr ?? '',
      cvr: r.requester_cpr ? '' : (r.requester_cvr ?? ''),
      address: r.requester_address ?? '',
      email: r.requester_email ?? '',
      phone: r.requester_phone ?? '',
    },
    actor,
    opts,
  );
  if (!added.ok) throw new Error(`requester not added as a party: ${JSON.stringify(added.errors)}`);
  return added.id;
}

export interface RequesterMail {
  to: string;
  /** The mail's kind (mail_outbox.kind) and its dedupe key: the same mail is queued once. */
  kind: string;
  dedupeKey: string;
  locale: Locale;
  /** The e-mail template (Administration → E-mailskabeloner) and its merge values. */
  template: MailTemplateId;
  values: Record<string, string>;
  footer: string;
  organisation: string;
  /** The PDF, a stored blob kept by the journalised document it is. */
  attachment: { filename: string; sha256: string };
}

/**
 * An e-mail to the requester with a journalised PDF attached (the answer package, the
 * fristbrev). Rendered at once; the returned function queues it in the caller's transaction.
 * Never put a CPR number in it.
 */
export async function requesterMail(database: Database, m: RequesterMail): Promise<(tx: Database) => Promise<void>> {
  const mail = await templatedMail(database, m.template, m.locale, m.values, {
    footer: m.footer,
    organisation: m.organisation,
  });
  return async (tx) => {
    await queueMail(tx, {
      to: m.to,
      kind: m.kind,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      attachments: [{ filename: m.attachment.filename, mime: 'application/pdf', sha256: m.attachment.sha256 }],
      dedupeKey: m.dedupeKey,
    });
  };
}
