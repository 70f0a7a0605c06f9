import type { ViewContext } from '../context.ts';
import type { LetterListItem } from '../../src/modules/letters/letters.ts';
import { formatDateTime } from '../../src/i18n/index.ts';

/** The front page's "Breve, der ikke kom frem": failed letters on the user's cases, each with a link to its case. */
export function FailedLetters({
  v,
  letters,
}: {
  v: ViewContext;
  letters: Array<LetterListItem & { caseId: number; caseNumber: string; caseTitle: string }>;
}) {
  return (
    <section class="card" aria-labelledby="failed-letters-title">
      <h2 id="failed-letters-title" class="text-lg font-bold text-red-800">
        {v.t('letters.home.title')}
      </h2>
      <p class="mt-1 text-sm text-slate-700">{v.t('letters.home.lead')}</p>
      <ul class="mt-3 space-y-2">
        {letters.map((l) => (
          <li>
            <a href={`/cases/${l.caseId}#letters`} class="font-semibold">
              {l.title}
            </a>
            <span class="block text-sm text-slate-700">
              {v.t('letters.home.item', {
                recipient: l.partyName,
                number: l.caseNumber,
                when: formatDateTime(l.createdAt, v.locale),
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
