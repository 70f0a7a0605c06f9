import type { ViewContext } from '../context.ts';
import type { DecisionInput, LoadedItem } from '../../src/modules/access-requests/decisions.ts';
import type { LegalBasis } from '../../src/modules/access-requests/legal-bases.ts';
import { DECISIONS } from '../../src/modules/access-requests/constants.ts';
import { formatDate, formatDateTime } from '../../src/i18n/index.ts';
import { Checkbox, ErrorSummary, RadioGroup, TextArea, type FieldErrors } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';
import { Section } from '../cases/case-page/Section.tsx';

/** The decision on one document of a request, beside the document's own text. */
export function DecisionPage({
  v,
  requestId,
  number,
  item,
  redactions = 0,
  bases,
  input,
  errors,
  canChange,
}: {
  v: ViewContext;
  requestId: number;
  number: string;
  item: LoadedItem;
  /** How many passages of this document are withheld. */
  redactions?: number;
  bases: LegalBasis[];
  input: DecisionInput;
  errors: FieldErrors;
  canChange: boolean;
}) {
  const chosen = new Set(input.basisIds);
  const laws = [...new Set(bases.map((b) => b.law))];
  return (
    <>
      <p class="mb-2">
        <a href={`/access-requests/${requestId}`}>
          ← {v.t('akt.decision.back')} ({number})
        </a>
      </p>
      <PageHeader title={`${v.t('akt.decision.title')}: ${item.title}`} />
      <ErrorSummary t={v.t} errors={errors} />
      <div class="grid gap-6 lg:grid-cols-2">
        <div class="min-w-0">
          <Section id="document" title={v.t('akt.decision.document')}>
            <p class="mb-2 text-sm text-slate-700">
              {item.caseNumber} · {item.number ?? ''} · {formatDate(`${item.documentDate}T12:00:00Z`, v.locale)}
            </p>
            <p class="mb-4">
              <a href={`/cases/${item.caseId}/documents/${item.documentId}/versions/${item.version}/file`}>
                {v.t('akt.decision.download', { filename: item.filename })}
              </a>
            </p>
            <h3 class="mb-2 font-semibold">{v.t('akt.decision.text', { version: item.version })}</h3>
            {item.decision === 'partial' && (
              <div class="mb-4 rounded-md border-l-4 border-brand-600 bg-brand-50 px-4 py-3 text-brand-900">
                <p class="mb-2">
                  {redactions === 0
                    ? v.t('akt.decision.redactNone')
                    : v.t('akt.decision.redactCount', { count: redactions })}
                </p>
                <a href={`/access-requests/${requestId}/documents/${item.id}/redactions`} class="btn btn-secondary">
                  {v.t('akt.decision.redact')}
                </a>
              </div>
            )}
            {item.text ? (
              <div
                class="max-h-[32rem] overflow-y-auto rounded border border-slate-200 bg-slate-50 p-3"
                tabindex={0}
                role="region"
                aria-label={v.t('akt.decision.text', { version: item.version })}
              >
                <p class="whitespace-pre-line">{item.text}</p>
              </div>
            ) : (
              <p>{v.t('akt.decision.noText')}</p>
            )}
          </Section>
        </div>
        <div class="min-w-0">
          <Section id="decision-section" title={v.t('akt.decision')}>
            {item.decidedAt && item.decidedByName && (
              <p class="mb-3 text-sm text-slate-700">
                {v.t('akt.decision.decidedBy', {
                  date: formatDateTime(item.decidedAt, v.locale),
                  name: item.decidedByName,
                })}
              </p>
            )}
            {canChange ? (
              <form method="post" action={`/access-requests/${requestId}/documents/${item.id}/decision`} novalidate>
                <RadioGroup
                  name="decision"
                  legend={v.t('akt.decision')}
                  value={input.decision}
                  error={errors.decision}
                  options={DECISIONS.map((d) => ({ value: d, label: v.t(`akt.decision.${d}`) }))}
                />
                <fieldset
                  class="mb-5"
                  id="basisIds"
                  aria-describedby={errors.basisIds ? 'basisIds-hint basisIds-error' : 'basisIds-hint'}
                >
                  <legend class="label">{v.t('akt.decision.bases')}</legend>
                  <span class="hint" id="basisIds-hint">
                    {v.t('akt.decision.basesHint')}
                  </span>
                  {errors.basisIds && (
                    <span class="field-error" id="basisIds-error">
                      {errors.basisIds}
                    </span>
                  )}
                  {laws.map((law) => (
                    <div class="mt-2">
                      <p class="mb-1 font-semibold">{v.t(`akt.law.${law}`)}</p>
                      {bases
                        .filter((b) => b.law === law)
                        .map((b) => (
                          <Checkbox
                            id={`basis-${b.id}`}
                            name="basisIds"
                            value={String(b.id)}
                            label={`${b.section} – ${b.title}`}
                            checked={chosen.has(String(b.id))}
                          />
                        ))}
                    </div>
                  ))}
                </fieldset>
                <TextArea
                  id="reason"
                  label={v.t('akt.decision.reason')}
                  hint={v.t('akt.decision.reasonHint')}
                  value={input.reason}
                  error={errors.reason}
                  rows={4}
                />
                <TextArea
                  id="extraction"
                  label={v.t('akt.decision.extraction')}
                  hint={v.t('akt.decision.extractionHint')}
                  value={input.extraction}
                  error={errors.extraction}
                  rows={4}
                />
                <Checkbox
                  id="meroffentlighed"
                  label={v.t('akt.decision.meroffentlighed')}
                  hint={v.t('akt.decision.meroffentlighedHint')}
                  checked={input.meroffentlighed}
                />
                <TextArea
                  id="meroffentlighedNote"
                  label={v.t('akt.decision.meroffentlighedNote')}
                  value={input.meroffentlighedNote}
                  error={errors.meroffentlighedNote}
                  rows={2}
                />
                <button type="submit" class="btn btn-primary">
                  {v.t('akt.decision.save')}
                </button>
              </form>
            ) : (
              <p>{item.decision ? v.t(`akt.decision.${item.decision}`) : v.t('akt.decision.none')}</p>
            )}
          </Section>
        </div>
      </div>
    </>
  );
}
