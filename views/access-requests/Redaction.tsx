import { ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import type { ViewContext } from '../context.ts';

/**
 * The redaction page: the decided version's text, split into numbered sentences, with the
 * withheld passages highlighted; a form to withhold a passage (by its text and occurrence, by
 * sentence numbers, or — with JavaScript — by selecting it in the text); the list of withheld
 * passages, each with a remove button.
 *
 * Every piece of the text is a span carrying its offset in the text (`data-o`), so the
 * `redactionPicker` component (public/js/app.js) can turn a selection into offsets.
 */

export interface RedactionPassage {
  number: number;
  start: number;
  end: number;
  paragraphStart: boolean;
}

export interface RedactionListItem {
  id: number;
  start: number;
  end: number;
  passage: string;
  basis: string;
}

export interface RedactionFormState {
  passage: string;
  occurrence: string;
  fromSentence: string;
  toSentence: string;
  basis: string;
}

export interface RedactionPageProps {
  v: ViewContext;
  base: string;
  decisionHref: string;
  caseNumber: string;
  title: string;
  version: number;
  decision: string | null;
  text: string | null;
  passages: RedactionPassage[];
  redactions: RedactionListItem[];
  bases: Array<{ value: string; label: string }>;
  editable: boolean;
  errors: FieldErrors;
  form: RedactionFormState;
}

/** The text cut at every sentence and passage boundary: one span per piece, marked when withheld. */
function pieces(text: string, start: number, end: number, redactions: RedactionListItem[]) {
  const cuts = new Set([start, end]);
  for (const r of redactions) {
    if (r.start > start && r.start < end) cuts.add(r.start);
    if (r.end > start && r.end < end) cuts.add(r.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Array<{ from: number; text: string; withheld: boolean }> = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i]!;
    const to = sorted[i + 1]!;
    out.push({ from, text: text.slice(from, to), withheld: redactions.some((r) => r.start <= from && to <= r.end) });
  }
  return out;
}

function TextView({
  v,
  text,
  passages,
  redactions,
}: Pick<RedactionPageProps, 'v' | 'passages' | 'redactions'> & { text: string }) {
  const paragraphs: RedactionPassage[][] = [];
  for (const p of passages) {
    if (p.paragraphStart || paragraphs.length === 0) paragraphs.push([]);
    paragraphs.at(-1)!.push(p);
  }
  return (
    <div
      class="redaction-text max-h-[70vh] overflow-y-auto rounded-md border border-slate-300 bg-white p-4 leading-relaxed"
      x-ref="text"
      tabindex={0}
      aria-describedby="redaction-text-hint"
    >
      {paragraphs.map((group) => (
        <p class="mb-3 whitespace-pre-wrap">
          {group.map((p, i) => {
            const next = group[i + 1];
            return (
              <>
                <span class="mr-1 select-none align-super text-xs text-slate-600" data-skip>
                  <span class="sr-only">{v.t('accessAnswers.redaction.sentence', { number: p.number })}</span>
                  <span aria-hidden="true">{p.number}</span>
                </span>
                {pieces(text, p.start, p.end, redactions).map((piece) =>
                  piece.withheld ? (
                    <mark data-o={piece.from} class="bg-amber-200">
                      {piece.text}
                    </mark>
                  ) : (
                    <span data-o={piece.from}>{piece.text}</span>
                  ),
                )}
                {next && <span data-o={p.end}>{text.slice(p.end, next.start)}</span>}
              </>
            );
          })}
        </p>
      ))}
    </div>
  );
}

export function RedactionPage(p: RedactionPageProps) {
  const { v, errors, form } = p;
  const t = v.t;
  const sentenceOptions = [
    { value: '', label: '—' },
    ...p.passages.map((s) => ({ value: String(s.number), label: String(s.number) })),
  ];
  return (
    <>
      <p class="mb-2">
        <a href={p.decisionHref}>← {t('accessAnswers.redaction.back')}</a>
      </p>
      <div class="mb-6">
        <p class="text-sm text-slate-700">{p.caseNumber}</p>
        <h1 id="page-title" tabindex={-1} class="text-2xl font-bold tracking-tight sm:text-3xl">
          {t('accessAnswers.redaction.title', { title: p.title })}
        </h1>
      </div>
      <ErrorSummary t={t} errors={errors} />
      <p class="mb-2">{t('accessAnswers.redaction.intro')}</p>
      <p class="mb-4 text-slate-700">{t('accessAnswers.redaction.layoutNote')}</p>
      {p.decision !== 'partial' && (
        <p class="card mb-4" role="note">
          {t('accessAnswers.redaction.notPartial')}
        </p>
      )}
      {p.text == null || p.text.length === 0 ? (
        <p class="card mb-6">{t('accessAnswers.redaction.noText', { version: p.version })}</p>
      ) : (
        <div class="grid gap-6 lg:grid-cols-3" x-data="redactionPicker">
          <section class="min-w-0 lg:col-span-2" aria-labelledby="redaction-text-title">
            <h2 id="redaction-text-title" class="mb-2 text-lg font-bold">
              {t('accessAnswers.redaction.text', { version: p.version })}
            </h2>
            <p id="redaction-text-hint" class="hint mb-2">
              {t('accessAnswers.redaction.textHint')}
            </p>
            <TextView v={v} text={p.text} passages={p.passages} redactions={p.redactions} />
            {p.editable && (
              <p class="mt-3">
                <button type="button" class="btn-secondary" hidden x-ref="pick" x-on:click="pick">
                  {t('accessAnswers.redaction.markSelected')}
                </button>
                <span
                  class="ml-2 text-sm"
                  role="status"
                  x-ref="status"
                  data-empty={t('accessAnswers.redaction.selectFirst')}
                  data-filled={t('accessAnswers.redaction.selectedFilled')}
                ></span>
              </p>
            )}
          </section>
          {p.editable && (
            <section class="card" aria-labelledby="redaction-add-title">
              <h2 id="redaction-add-title" class="mb-3 text-lg font-bold">
                {t('accessAnswers.redaction.add')}
              </h2>
              <form method="post" action={p.base} x-ref="form">
                <input type="hidden" name="start" value="" x-ref="start" />
                <input type="hidden" name="end" value="" x-ref="end" />
                <fieldset class="mb-4">
                  <legend class="label">{t('accessAnswers.redaction.byText')}</legend>
                  <TextArea
                    id="passage"
                    label={t('accessAnswers.redaction.passage')}
                    hint={t('accessAnswers.redaction.passageHint')}
                    value={form.passage}
                    error={errors.passage}
                    rows={4}
                  />
                  <TextField
                    id="occurrence"
                    type="number"
                    inputmode="numeric"
                    label={t('accessAnswers.redaction.occurrence')}
                    hint={t('accessAnswers.redaction.occurrenceHint')}
                    value={form.occurrence || '1'}
                    error={errors.occurrence}
                  />
                </fieldset>
                <fieldset class="mb-4">
                  <legend class="label">{t('accessAnswers.redaction.bySentence')}</legend>
                  <SelectField
                    id="fromSentence"
                    label={t('accessAnswers.redaction.fromSentence')}
                    options={sentenceOptions}
                    value={form.fromSentence}
                    error={errors.fromSentence}
                  />
                  <SelectField
                    id="toSentence"
                    label={t('accessAnswers.redaction.toSentence')}
                    options={sentenceOptions}
                    value={form.toSentence}
                  />
                </fieldset>
                <SelectField
                  id="basis"
                  label={t('accessAnswers.redaction.basis')}
                  options={[{ value: '', label: t('accessAnswers.redaction.basisChoose') }, ...p.bases]}
                  value={form.basis}
                  error={errors.basis}
                />
                <button type="submit" class="btn-primary">
                  {t('accessAnswers.redaction.submit')}
                </button>
              </form>
            </section>
          )}
        </div>
      )}
      <section class="mt-8" aria-labelledby="redaction-list-title">
        <h2 id="redaction-list-title" class="mb-3 text-lg font-bold">
          {t('accessAnswers.redaction.list')}
        </h2>
        {p.redactions.length === 0 ? (
          <p>{t('accessAnswers.redaction.none')}</p>
        ) : (
          <div class="overflow-x-auto">
            <table class="w-full text-left">
              <thead>
                <tr>
                  <th scope="col">{t('accessAnswers.redaction.col.passage')}</th>
                  <th scope="col">{t('accessAnswers.redaction.col.position')}</th>
                  <th scope="col">{t('accessAnswers.redaction.col.basis')}</th>
                  {p.editable && (
                    <th scope="col">
                      <span class="sr-only">{t('accessAnswers.redaction.remove')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {p.redactions.map((r) => (
                  <tr>
                    <td class="whitespace-pre-wrap">{r.passage}</td>
                    <td>{t('accessAnswers.redaction.position', { start: r.start, end: r.end })}</td>
                    <td>{r.basis}</td>
                    {p.editable && (
                      <td>
                        <form method="post" action={`${p.base}/${r.id}/delete`}>
                          <button
                            type="submit"
                            class="btn-secondary"
                            aria-label={t('accessAnswers.redaction.removeLabel', { passage: short(r.passage) })}
                          >
                            {t('accessAnswers.redaction.remove')}
                          </button>
                        </form>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {p.text && (
          <p class="mt-4">
            <a class="btn-secondary" href={`${p.base}/released.pdf`} hx-boost="false">
              {t('accessAnswers.redaction.preview')}
            </a>
          </p>
        )}
      </section>
    </>
  );
}

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}
