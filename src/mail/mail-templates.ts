import type { AuditActor } from '../audit/service.ts';
import { appendAudit } from '../audit/service.ts';
import { mergeFields, paragraphs, unknownMergeFields } from '../content/merge.ts';
import type { Database } from '../db/index.ts';
import { writeTransaction } from '../db/index.ts';
import { deleteSetting, getSetting, putSetting } from '../db/settings.ts';
import { translator, type Locale, type MessageKey } from '../i18n/index.ts';
import { renderMail } from './templates.ts';

/**
 * Every e-mail the platform sends, as a template the municipality may change on Administration →
 * E-mailskabeloner (`/admin/email-templates`): a subject and a text with merge fields in the
 * letters' syntax (`{{modtager.navn}}`, src/content/merge.ts). The defaults are catalog texts (one
 * per language); a changed template is stored per language in the `settings` table
 * (`mail.template.<id>.<locale>`, JSON `{ subject, body }`) and "Gendan standard" deletes it.
 *
 * The senders (notifications, the digest, the access-request answer and fristbrev) call
 * `templatedMail()` with their values; the layout around the text (the municipality's name, the
 * button, the footer) stays renderMail's.
 */

export const MAIL_TEMPLATE_IDS = [
  'notification',
  'digest',
  'access-request.answer',
  'access-request.extension',
] as const;
export type MailTemplateId = (typeof MAIL_TEMPLATE_IDS)[number];

export interface MailField {
  /** As written in a template, without the braces. */
  name: string;
  /** What it stands for (catalog). */
  help: MessageKey;
  /** The value the preview shows. */
  example: Readonly<Record<Locale, string>>;
}

export interface MailTemplateDef {
  id: MailTemplateId;
  title: MessageKey;
  /** When the mail is sent, and to whom. */
  description: MessageKey;
  fields: readonly MailField[];
  /** The default subject and text (catalog, in the recipient's language). */
  subject: MessageKey;
  body: MessageKey;
  /** The button under the text, if the mail has one (its label stays the catalog's). */
  action: MessageKey | null;
  /** The footer (catalog), with `{url}` / `{organisation}` filled in by the sender. */
  footer: MessageKey;
}

const both = (s: string): Record<Locale, string> => ({ da: s, en: s });

const RECIPIENT: MailField = {
  name: 'modtager.navn',
  help: 'mailTemplates.field.modtager.navn',
  example: both('Anne Jensen'),
};
const MUNICIPALITY: MailField = {
  name: 'kommune.navn',
  help: 'mailTemplates.field.kommune.navn',
  example: both('Demokommune'),
};
const LINK: MailField = {
  name: 'link',
  help: 'mailTemplates.field.link',
  example: both('https://samspil.example.dk/notifications'),
};
const REQUESTER: MailField = {
  name: 'anmoder.navn',
  help: 'mailTemplates.field.anmoder.navn',
  example: both('Jens Hansen'),
};
const CASE_NUMBER: MailField = {
  name: 'sag.nummer',
  help: 'mailTemplates.field.sag.nummer',
  example: both('AKT-2026-000042'),
};

export const MAIL_TEMPLATES: readonly MailTemplateDef[] = [
  {
    id: 'notification',
    title: 'mailTemplates.notification.title',
    description: 'mailTemplates.notification.desc',
    fields: [
      RECIPIENT,
      {
        name: 'notifikation.tekst',
        help: 'mailTemplates.field.notifikation.tekst',
        example: {
          da: 'Mette Holm svarede i tråden "Budget 2027"',
          en: 'Mette Holm replied in the thread "Budget 2027"',
        },
      },
      LINK,
      MUNICIPALITY,
    ],
    subject: 'mailTemplates.notification.subject',
    body: 'mailTemplates.notification.body',
    action: 'notifications.mail.open',
    footer: 'notifications.mail.footer',
  },
  {
    id: 'digest',
    title: 'mailTemplates.digest.title',
    description: 'mailTemplates.digest.desc',
    fields: [
      RECIPIENT,
      { name: 'antal', help: 'mailTemplates.field.antal', example: both('2') },
      {
        name: 'notifikationer',
        help: 'mailTemplates.field.notifikationer',
        example: {
          da: '• Mette Holm svarede i tråden "Budget 2027"\n• Du er tilføjet til sagen EMN-2026-000123',
          en: '• Mette Holm replied in the thread "Budget 2027"\n• You were added to the case EMN-2026-000123',
        },
      },
      LINK,
      MUNICIPALITY,
    ],
    subject: 'mailTemplates.digest.subject',
    body: 'mailTemplates.digest.body',
    action: 'notifications.digest.open',
    footer: 'notifications.mail.footer',
  },
  {
    id: 'access-request.answer',
    title: 'mailTemplates.answer.title',
    description: 'mailTemplates.answer.desc',
    fields: [REQUESTER, CASE_NUMBER, MUNICIPALITY],
    subject: 'mailTemplates.answer.subject',
    body: 'mailTemplates.answer.body',
    action: null,
    footer: 'accessAnswers.mail.footer',
  },
  {
    id: 'access-request.extension',
    title: 'mailTemplates.extension.title',
    description: 'mailTemplates.extension.desc',
    fields: [
      REQUESTER,
      CASE_NUMBER,
      {
        name: 'dato.frist',
        help: 'mailTemplates.field.dato.frist',
        example: { da: '14. januar 2027', en: '14 January 2027' },
      },
      MUNICIPALITY,
    ],
    subject: 'mailTemplates.extension.subject',
    body: 'mailTemplates.extension.body',
    action: null,
    footer: 'accessAnswers.mail.footer',
  },
];

export function mailTemplateDef(id: string): MailTemplateDef | null {
  return MAIL_TEMPLATES.find((d) => d.id === id) ?? null;
}

export interface MailTemplateText {
  subject: string;
  body: string;
}

const settingKey = (id: MailTemplateId, locale: Locale) => `mail.template.${id}.${locale}`;

export function defaultMailTemplate(def: MailTemplateDef, locale: Locale): MailTemplateText {
  const t = translator(locale);
  return { subject: t(def.subject), body: t(def.body) };
}

function parseStored(raw: string | null): MailTemplateText | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<MailTemplateText>;
    return typeof v.subject === 'string' && typeof v.body === 'string' ? { subject: v.subject, body: v.body } : null;
  } catch {
    return null;
  }
}

/** The template in force for a language: the municipality's own, or the default. */
export async function loadMailTemplate(
  database: Database,
  def: MailTemplateDef,
  locale: Locale,
): Promise<MailTemplateText & { custom: boolean }> {
  const own = parseStored(await getSetting(database, settingKey(def.id, locale)));
  return own ? { ...own, custom: true } : { ...defaultMailTemplate(def, locale), custom: false };
}

export const SUBJECT_MAX = 200;
export const BODY_MAX = 5000;

export interface MailTemplateError {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** Checks a template as typed: both parts written, within their lengths, and only known merge fields. */
export function validateMailTemplate(
  def: MailTemplateDef,
  input: MailTemplateText,
):
  | { ok: true; value: MailTemplateText }
  | { ok: false; errors: Partial<Record<keyof MailTemplateText, MailTemplateError>> } {
  const known = def.fields.map((f) => f.name);
  const listed = known.map((n) => `{{${n}}}`).join(', ');
  const errors: Partial<Record<keyof MailTemplateText, MailTemplateError>> = {};
  const subject = input.subject.replace(/\s+/g, ' ').trim();
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  for (const [part, text, max] of [
    ['subject', subject, SUBJECT_MAX],
    ['body', body, BODY_MAX],
  ] as const) {
    const unknown = unknownMergeFields(text, known);
    if (!text) errors[part] = { key: 'mailTemplates.error.required' };
    else if (text.length > max) errors[part] = { key: 'mailTemplates.error.tooLong', params: { max } };
    else if (unknown.length)
      errors[part] = {
        key: 'mailTemplates.error.unknownField',
        params: { fields: unknown.map((n) => `{{${n}}}`).join(', '), known: listed },
      };
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { subject, body } };
}

/** Saves the municipality's own template for a language (audited with before and after). */
export async function saveMailTemplate(
  database: Database,
  actor: AuditActor,
  def: MailTemplateDef,
  locale: Locale,
  input: MailTemplateText,
  opts: { ip?: string | null } = {},
): Promise<ReturnType<typeof validateMailTemplate>> {
  const checked = validateMailTemplate(def, input);
  if (!checked.ok) return checked;
  await writeTransaction(database, async (tx) => {
    const before = await loadMailTemplate(tx, def, locale);
    await putSetting(tx, settingKey(def.id, locale), JSON.stringify(checked.value));
    await appendAudit(tx, {
      actor,
      action: 'mailTemplate.update',
      entityType: 'mail_template',
      entityId: `${def.id}.${locale}`,
      summary: `E-mail template ${def.id} (${locale}) changed`,
      details: {
        before: { subject: before.subject, body: before.body, custom: before.custom },
        after: checked.value,
      },
      ip: opts.ip ?? null,
    });
  });
  return checked;
}

/** "Gendan standard": drops the municipality's own template for a language (audited). */
export async function restoreMailTemplate(
  database: Database,
  actor: AuditActor,
  def: MailTemplateDef,
  locale: Locale,
  opts: { ip?: string | null } = {},
): Promise<void> {
  await writeTransaction(database, async (tx) => {
    const before = await loadMailTemplate(tx, def, locale);
    if (!before.custom) return;
    await deleteSetting(tx, settingKey(def.id, locale));
    await appendAudit(tx, {
      actor,
      action: 'mailTemplate.restore',
      entityType: 'mail_template',
      entityId: `${def.id}.${locale}`,
      summary: `E-mail template ${def.id} (${locale}) restored to the default`,
      details: { before: { subject: before.subject, body: before.body }, after: defaultMailTemplate(def, locale) },
      ip: opts.ip ?? null,
    });
  });
}

/** A template with its values merged: the subject (one line) and the text's paragraphs. */
export function mergeMailTemplate(
  template: MailTemplateText,
  values: Readonly<Record<string, string>>,
): { subject: string; paragraphs: string[] } {
  return {
    subject: mergeFields(template.subject, values).replace(/\s+/g, ' ').trim(),
    paragraphs: paragraphs(mergeFields(template.body, values)),
  };
}

/** The preview's values: each field's example in the language. */
export function exampleValues(def: MailTemplateDef, locale: Locale): Record<string, string> {
  return Object.fromEntries(def.fields.map((f) => [f.name, f.example[locale]]));
}

/**
 * A mail from its template, in the recipient's language: the template in force merged with the
 * sender's values (the municipality's name is added), inside renderMail's layout.
 */
export async function templatedMail(
  database: Database,
  id: MailTemplateId,
  locale: Locale,
  values: Readonly<Record<string, string>>,
  layout: { organisation: string; footer: string; actionUrl?: string | null },
): Promise<{ subject: string; html: string; text: string }> {
  const def = mailTemplateDef(id)!;
  return renderTemplate(def, await loadMailTemplate(database, def, locale), locale, values, layout);
}

/** Renders a template (as stored, or as typed for a preview) with the given values. */
export async function renderTemplate(
  def: MailTemplateDef,
  template: MailTemplateText,
  locale: Locale,
  values: Readonly<Record<string, string>>,
  layout: { organisation: string; footer: string; actionUrl?: string | null },
): Promise<{ subject: string; html: string; text: string }> {
  const t = translator(locale);
  const merged = mergeMailTemplate(template, { 'kommune.navn': layout.organisation, ...values });
  const mail = await renderMail({
    locale,
    organisation: layout.organisation,
    heading: merged.subject,
    paragraphs: merged.paragraphs,
    action: def.action && layout.actionUrl ? { label: t(def.action), url: layout.actionUrl } : null,
    footer: layout.footer,
  });
  return { subject: merged.subject, ...mail };
}

/** The preview of a template (as typed) with example data: what a recipient would get. */
export async function previewMailTemplate(
  def: MailTemplateDef,
  template: MailTemplateText,
  locale: Locale,
  organisation: string,
): Promise<{ subject: string; html: string; text: string }> {
  const t = translator(locale);
  // The example data, with the municipality's real name.
  const examples: Record<string, string> = { ...exampleValues(def, locale), 'kommune.navn': organisation };
  return renderTemplate(def, template, locale, examples, {
    organisation,
    footer: t(def.footer, { url: 'https://samspil.example.dk/notifications/settings', organisation }),
    actionUrl: examples.link ?? 'https://samspil.example.dk/',
  });
}
