import type { ViewContext } from '../context.ts';
import type { LetterInput, LetterListItem, Recipient } from '../../src/modules/letters/letters.ts';
import { paragraphs } from '../../src/modules/letters/merge.ts';
import { formatDateTime } from '../../src/i18n/index.ts';
import { ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice, ScrollTable } from '../components/page.tsx';
import { Section } from '../cases/case-page/Section.tsx';
import { DeliveryBadge } from './status.tsx';

/** The letter form as it comes back: merged, previewed or refused (422), with the user's input. */
export interface LetterFormState {
  input: LetterInput;
  errors: FieldErrors;
  /** Show the preview of the text below the form. */
  preview?: boolean;
  /** A problem with no field of its own (the sender's CVR number is not set). */
  error?: string;
}

/** The case page's "Breve": the letters sent from the case with their status, and the letter form. */
export function CaseLetters({
  v,
  caseId,
  letters,
  recipients,
  templates,
  canWrite,
  form,
  defaultDeadline,
  newToken,
}: {
  v: ViewContext;
  caseId: number;
  letters: LetterListItem[];
  recipients: Recipient[];
  templates: Array<{ id: number; name: string }>;
  canWrite: boolean;
  form?: LetterFormState;
  defaultDeadline: string;
  /** The one-time key of a form shown for the first time (kept through merge, preview and 422). */
  newToken: string;
}) {
  const input = form?.input ?? {
    partyId: recipients.length === 1 ? String(recipients[0]!.id) : '',
    templateId: '',
    deadline: defaultDeadline,
    title: '',
    body: '',
    token: newToken,
  };
  const errors = form?.errors ?? {};
  return (
    <Section id="letters" title={v.t('letters.title')}>
      {letters.length === 0 ? (
        <p class="text-slate-700">{v.t('letters.none')}</p>
      ) : (
        <ScrollTable label={v.t('letters.title')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{v.t('letters.col.title')}</th>
                <th scope="col">{v.t('letters.col.recipient')}</th>
                <th scope="col">{v.t('letters.col.created')}</th>
                <th scope="col">{v.t('letters.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((l) => (
                <tr>
                  <td>
                    <a href={`/cases/${caseId}/documents/${l.documentId}`}>{l.title}</a>
                    {l.documentNumber !== null && (
                      <span class="block text-sm text-slate-700">
                        {v.t('letters.documentNumber', { number: l.documentNumber })}
                      </span>
                    )}
                  </td>
                  <td>{l.partyName}</td>
                  <td>
                    {formatDateTime(l.createdAt, v.locale)}
                    {l.createdByName && <span class="block text-sm text-slate-700">{l.createdByName}</span>}
                  </td>
                  <td>
                    <DeliveryBadge v={v} status={l.delivery} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {canWrite &&
        (recipients.length === 0 ? (
          <p class="mt-4 text-slate-700">{v.t('letters.noRecipients')}</p>
        ) : (
          <details open={!!form} class="mt-4">
            <summary class="btn-secondary cursor-pointer list-none">{v.t('letters.write')}</summary>
            <form method="post" action={`/cases/${caseId}/letters`} class="mt-4" novalidate>
              <input type="hidden" name="token" value={input.token || newToken} />
              {form && <ErrorSummary t={v.t} errors={errors} />}
              {form?.error && <Notice kind="error">{form.error}</Notice>}
              <div class="grid gap-x-4 sm:grid-cols-2">
                <SelectField
                  id="letter-party"
                  name="partyId"
                  label={v.t('letters.field.party')}
                  value={input.partyId}
                  error={errors['letter-party']}
                  options={[
                    { value: '', label: v.t('letters.choose') },
                    ...recipients.map((r) => ({
                      value: String(r.id),
                      label: `${r.name} (${v.t(`parties.role.${r.role}` as 'parties.role.party')})`,
                    })),
                  ]}
                />
                <SelectField
                  id="letter-template"
                  name="templateId"
                  label={v.t('letters.field.template')}
                  value={input.templateId}
                  error={errors['letter-template']}
                  options={[
                    { value: '', label: v.t('letters.choose') },
                    ...templates.map((t) => ({ value: String(t.id), label: t.name })),
                  ]}
                />
                <TextField
                  id="letter-deadline"
                  name="deadline"
                  type="date"
                  label={v.t('letters.field.deadline')}
                  hint={v.t('letters.field.deadline.hint')}
                  value={input.deadline}
                  error={errors['letter-deadline']}
                />
              </div>
              <button type="submit" name="step" value="merge" class="btn-secondary mb-6">
                {v.t('letters.merge')}
              </button>
              <TextField
                id="letter-title"
                name="title"
                label={v.t('letters.field.title')}
                value={input.title}
                error={errors['letter-title']}
              />
              <TextArea
                id="letter-body"
                name="body"
                label={v.t('letters.field.body')}
                hint={v.t('letters.field.body.hint')}
                value={input.body}
                error={errors['letter-body']}
                rows={14}
              />
              <div class="flex flex-wrap gap-3">
                <button type="submit" name="step" value="preview" class="btn-secondary">
                  {v.t('letters.preview')}
                </button>
                <button type="submit" name="step" value="send" class="btn-primary">
                  {v.t('letters.send')}
                </button>
              </div>
            </form>
            {form?.preview && (
              <section aria-labelledby="letter-preview-title" class="mt-6 rounded-md border border-slate-300 p-4">
                <h3 id="letter-preview-title" class="text-sm font-semibold uppercase text-slate-700">
                  {v.t('letters.preview.title')}
                </h3>
                <p class="mt-2 text-lg font-bold">{input.title}</p>
                {paragraphs(input.body).map((p) => (
                  <p class="mt-2 whitespace-pre-line">{p}</p>
                ))}
              </section>
            )}
          </details>
        ))}
    </Section>
  );
}

/** On a letter's document page: that it was sent as a letter, how, and how far it got. */
export function LetterStatus({ v, letter }: { v: ViewContext; letter: LetterListItem }) {
  return (
    <p class="mt-2 flex flex-wrap items-center gap-2 text-sm" id="letter-status">
      <span>
        {v.t('letters.document.sentTo', {
          recipient: letter.partyName,
          channel: v.t(`letters.channel.${letter.channel}`),
        })}
      </span>
      <DeliveryBadge v={v} status={letter.delivery} />
    </p>
  );
}
