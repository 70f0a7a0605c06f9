import type { ViewContext } from '../context.ts';
import type { Locale } from '../../src/i18n/index.ts';
import type { MailTemplateDef, MailTemplateText } from '../../src/mail/mail-templates.ts';
import { ErrorSummary, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';
import { AdminCrumb } from './AdminHome.tsx';

const LOCALES: Locale[] = ['da', 'en'];

/** Administration → E-mailskabeloner: every e-mail the platform sends, per language. */
export function EmailTemplatesPage({
  v,
  templates,
}: {
  v: ViewContext;
  templates: Array<{ def: MailTemplateDef; custom: Record<Locale, boolean> }>;
}) {
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('mailTemplates.title')} lead={v.t('mailTemplates.lead')} />
      <ul class="grid max-w-3xl gap-4">
        {templates.map(({ def, custom }) => (
          <li class="card">
            <h2 class="text-lg font-bold">{v.t(def.title)}</h2>
            <p class="mt-1 text-sm text-slate-700">{v.t(def.description)}</p>
            <ul class="mt-2 flex flex-wrap gap-x-6">
              {LOCALES.map((l) => (
                <li>
                  <a href={`/admin/email-templates/${def.id}/${l}`} class="inline-flex min-h-11 items-center">
                    {v.t('mailTemplates.editIn', {
                      language: v.t(l === 'da' ? 'layout.language.da' : 'layout.language.en'),
                    })}
                  </a>{' '}
                  <span class="text-sm text-slate-600">
                    ({v.t(custom[l] ? 'mailTemplates.state.custom' : 'mailTemplates.state.default')})
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <p class="mt-6">
        <a href="/admin/letter-templates">{v.t('mailTemplates.letters')}</a>
      </p>
    </>
  );
}

/** One template in one language: merge fields, the form (save / preview), "Gendan standard", the preview. */
export function EmailTemplatePage({
  v,
  def,
  locale,
  text,
  custom,
  errors,
  preview,
}: {
  v: ViewContext;
  def: MailTemplateDef;
  locale: Locale;
  text: MailTemplateText;
  custom: boolean;
  errors: FieldErrors;
  preview: { subject: string; text: string; frame: string } | null;
}) {
  const language = v.t(locale === 'da' ? 'layout.language.da' : 'layout.language.en');
  const action = `/admin/email-templates/${def.id}/${locale}`;
  return (
    <>
      <nav aria-label={v.t('admin.nav.label')} class="mb-2 text-sm">
        <a href="/admin">{v.t('admin.title')}</a> › <a href="/admin/email-templates">{v.t('mailTemplates.title')}</a>
      </nav>
      <PageHeader
        title={v.t('mailTemplates.edit.title', { template: v.t(def.title) })}
        lead={`${v.t(def.description)} ${v.t('mailTemplates.edit.language', { language })}`}
      />
      <ErrorSummary errors={errors} t={v.t} />
      <p class="mb-4 text-sm">
        {v.t(custom ? 'mailTemplates.state.custom' : 'mailTemplates.state.default')}
        {' · '}
        <a href={`/admin/email-templates/${def.id}/${locale === 'da' ? 'en' : 'da'}`}>
          {v.t('mailTemplates.editIn', {
            language: v.t(locale === 'da' ? 'layout.language.en' : 'layout.language.da'),
          })}
        </a>
      </p>
      <div class="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <form method="post" action={action} class="card" novalidate>
          <TextField
            id="template-subject"
            name="subject"
            label={v.t('mailTemplates.subject')}
            value={text.subject}
            error={errors['template-subject']}
            class="mb-5"
          />
          <TextArea
            id="template-body"
            name="body"
            label={v.t('mailTemplates.body')}
            hint={v.t('mailTemplates.body.hint')}
            value={text.body}
            error={errors['template-body']}
            rows={10}
          />
          <div class="flex flex-wrap gap-3">
            <button type="submit" class="btn-primary">
              {v.t('mailTemplates.save')}
            </button>
            <button type="submit" name="preview" value="1" class="btn-secondary">
              {v.t('mailTemplates.preview')}
            </button>
          </div>
        </form>
        <aside class="card" aria-labelledby="fields-title">
          <h2 id="fields-title" class="font-bold">
            {v.t('mailTemplates.fields')}
          </h2>
          <dl class="mt-2 text-sm">
            {def.fields.map((f) => (
              <>
                <dt class="mt-2 font-mono font-semibold">{`{{${f.name}}}`}</dt>
                <dd class="text-slate-700">{v.t(f.help)}</dd>
              </>
            ))}
          </dl>
          {custom && (
            <form method="post" action={`${action}/deletion`} class="mt-6">
              <button type="submit" class="btn-secondary">
                {v.t('mailTemplates.restore')}
              </button>
            </form>
          )}
        </aside>
      </div>
      {preview && (
        <section aria-labelledby="preview-title" class="card mt-6" id="preview" data-autofocus-swap="">
          <h2 id="preview-title" class="text-lg font-bold" tabindex={-1}>
            {v.t('mailTemplates.preview.title')}
          </h2>
          <p class="mt-1 text-sm text-slate-700">{v.t('mailTemplates.preview.lead')}</p>
          <p class="mt-3">
            <span class="font-semibold">{v.t('mailTemplates.subject')}:</span> {preview.subject}
          </p>
          <h3 class="mt-4 font-semibold">{v.t('mailTemplates.preview.html')}</h3>
          <iframe
            src={preview.frame}
            title={v.t('mailTemplates.preview.frame', { subject: preview.subject })}
            class="mt-2 h-[32rem] w-full rounded border border-slate-300 bg-white"
            sandbox=""
          ></iframe>
          <h3 class="mt-4 font-semibold">{v.t('mailTemplates.preview.text')}</h3>
          <pre
            class="mt-2 overflow-x-auto whitespace-pre-wrap rounded border border-slate-300 bg-white p-3 text-sm"
            tabindex={0}
          >
            {preview.text}
          </pre>
        </section>
      )}
    </>
  );
}
