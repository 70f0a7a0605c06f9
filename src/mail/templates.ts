import type { Locale } from '../i18n/index.ts';

/**
 * E-mails rendered from MJML (responsive, and readable in the mail clients a municipality uses),
 * with a plain-text twin. One layout: the municipality's name, a heading, paragraphs, an optional
 * button, and a footer saying why the mail came and where to change that. Every value is escaped.
 */

export interface MailContent {
  locale: Locale;
  heading: string;
  paragraphs: string[];
  /** Quoted text (a comment, a post) shown set apart. */
  quote?: string | null;
  action?: { label: string; url: string } | null;
  /** Why the reader got this, and where to change it. */
  footer: string;
  organisation: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type MjmlFn = (mjml: string, options?: Record<string, unknown>) => Promise<{ html: string; errors: unknown[] }>;
let mjmlFn: MjmlFn | null = null;

/** mjml is large; load it the first time a mail is rendered. */
async function mjml(): Promise<MjmlFn> {
  if (!mjmlFn) {
    const mod = (await import('mjml')) as unknown as { default: MjmlFn };
    mjmlFn = mod.default;
  }
  return mjmlFn;
}

export async function renderMail(c: MailContent): Promise<{ html: string; text: string }> {
  const e = escapeHtml;
  const source = `<mjml lang="${c.locale}">
  <mj-head>
    <mj-title>${e(c.heading)}</mj-title>
    <mj-attributes>
      <mj-all font-family="Segoe UI, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="1.5" color="#0f172a" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f8fafc">
    <mj-section background-color="#184c78" padding="16px 24px">
      <mj-column><mj-text color="#ffffff" font-size="18px" font-weight="700">${e(c.organisation)}</mj-text></mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="22px" font-weight="700">${e(c.heading)}</mj-text>
        ${c.paragraphs.map((p) => `<mj-text>${e(p).replace(/\n/g, '<br />')}</mj-text>`).join('\n        ')}
        ${c.quote ? `<mj-text padding-left="24px" color="#334155"><em>${e(c.quote).replace(/\n/g, '<br />')}</em></mj-text>` : ''}
        ${c.action ? `<mj-button background-color="#184c78" color="#ffffff" font-weight="700" href="${e(c.action.url)}" align="left">${e(c.action.label)}</mj-button>` : ''}
      </mj-column>
    </mj-section>
    <mj-section padding="16px 24px">
      <mj-column><mj-text font-size="13px" color="#475569">${e(c.footer)}</mj-text></mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
  const { html, errors } = await (await mjml())(source, { validationLevel: 'soft' });
  if (errors.length) throw new Error(`mjml: ${JSON.stringify(errors).slice(0, 300)}`);
  const text = [
    c.heading,
    '',
    ...c.paragraphs.flatMap((p) => [p, '']),
    ...(c.quote
      ? [
          c.quote
            .split('\n')
            .map((l) => `> ${l}`)
            .join('\n'),
          '',
        ]
      : []),
    ...(c.action ? [`${c.action.label}: ${c.action.url}`, ''] : []),
    '--',
    c.footer,
  ].join('\n');
  return { html, text };
}
