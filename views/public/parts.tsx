import type { ViewContext } from '../context.ts';
import { Paragraphs as MeetingParagraphs } from '../meetings/parts.tsx';
import { formatLongDate, type Locale } from '../../src/i18n/index.ts';

/** The public section's own navigation (shown to everyone, signed in or not). */
export function PublicNav({ v, current }: { v: ViewContext; current: 'meetings' | 'committees' }) {
  const links = [
    { href: '/public/meetings', key: 'public.nav.meetings', id: 'meetings' },
    { href: '/public/committees', key: 'public.nav.committees', id: 'committees' },
  ] as const;
  return (
    <nav aria-label={v.t('public.nav')} class="mb-6 border-b border-slate-200">
      <ul class="flex flex-wrap gap-x-1">
        {links.map((l) => (
          <li>
            <a
              href={l.href}
              aria-current={current === l.id ? 'page' : undefined}
              class={`inline-flex min-h-11 items-center border-b-4 px-3 py-2 font-semibold no-underline ${current === l.id ? 'border-brand-600 text-brand-800' : 'border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900'}`}
            >
              {v.t(l.key)}
            </a>
          </li>
        ))}
        <li>
          <a
            href="/oparl/v1.1"
            hx-boost="false"
            class="inline-flex min-h-11 items-center border-b-4 border-transparent px-3 py-2 font-semibold text-slate-700 no-underline hover:border-slate-300 hover:text-slate-900"
          >
            {v.t('public.nav.oparl')}
          </a>
        </li>
      </ul>
    </nav>
  );
}

const timeFormatters = new Map<Locale, Intl.DateTimeFormat>();
/** "kl. 16.00" / "16:00" in Copenhagen time. */
export function formatTime(iso: string, locale: Locale): string {
  let f = timeFormatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'da' ? 'da-DK' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Copenhagen',
    });
    timeFormatters.set(locale, f);
  }
  return f.format(new Date(iso));
}

/** "torsdag den 10. december 2026 kl. 16.00–18.00" style. */
export function formatWhen(startsAt: string, endsAt: string | null, locale: Locale): string {
  const day = formatLongDate(startsAt, locale);
  const from = formatTime(startsAt, locale);
  const to = endsAt ? `–${formatTime(endsAt, locale)}` : '';
  return locale === 'da' ? `${day} kl. ${from}${to}` : `${day}, ${from}${to}`;
}

/** Plain text with blank lines between paragraphs, as stored in agenda sections. */
/** Plain-text sections as paragraphs (the meetings' own component, in the reader's/public pages' style). */
export const Paragraphs = ({ text }: { text: string }) => (
  <MeetingParagraphs text={text} class="mb-3 whitespace-pre-line" />
);

export { formatBytes } from '../documents/Documents.tsx';

/** A short, human name for a file type. */
export function fileKind(mime: string): string {
  if (mime === 'application/pdf') return 'PDF';
  if (mime.startsWith('image/')) return mime.slice(6).toUpperCase();
  if (mime.includes('wordprocessingml')) return 'Word';
  if (mime.includes('spreadsheetml')) return 'Excel';
  if (mime === 'message/rfc822') return 'E-mail';
  return mime;
}
