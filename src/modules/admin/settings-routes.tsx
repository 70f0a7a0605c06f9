import { Hono, type Context } from 'hono';
import { SettingsPage, type SettingRow, type SettingsForm } from '../../../views/admin/Settings.tsx';
import { EmailTemplatePage, EmailTemplatesPage } from '../../../views/admin/EmailTemplates.tsx';
import { appendAudit } from '../../audit/service.ts';
import { closingDays, closingDaysText, setClosingDays } from '../../calendar/closing-days.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import { checkLogo, LOGO_MAX_BYTES } from '../../files/logo.ts';
import { fileQuotas, quotaInput, setFileQuotas } from '../../files/quotas.ts';
import { currentLogo, forgetBranding, LOGO_PATH, loadBranding } from '../../http/branding.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { actorOf, str, translateErrors } from '../../http/forms.ts';
import { setFlash } from '../../http/flash.ts';
import { render } from '../../http/render.tsx';
import { sendBlob } from '../../http/send-blob.ts';
import { acceptsUpload } from '../../http/uploads.ts';
import { isLocale, type Locale } from '../../i18n/index.ts';
import {
  BODY_MAX,
  loadMailTemplate,
  mailTemplateDef,
  MAIL_TEMPLATES,
  previewMailTemplate,
  restoreMailTemplate,
  saveMailTemplate,
  SUBJECT_MAX,
  validateMailTemplate,
  type MailTemplateDef,
  type MailTemplateText,
} from '../../mail/mail-templates.ts';
import { can, type Action } from '../../policy/index.ts';
import { saveSettings, SETTINGS, type ElsewhereSetting } from './settings-registry.ts';

function require(c: Context<AppEnv>, action: Action): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}

export interface SettingsRoutesOptions {
  blobs: BlobStore;
  /** Settings that modules keep on their own pages, listed with a link (src/app.tsx hands them in). */
  elsewhere?: readonly ElsewhereSetting[];
}

/** A field's id on the page (its key with the dots made dashes, so `#id` links work everywhere). */
export const fieldId = (key: string) => key.replace(/\./g, '-');

/**
 * Administration → Indstillinger (`/admin/settings`): every setting of the municipality, in
 * sections, from the registry; the municipality's name, colour and logo; and the e-mail templates
 * (`/admin/email-templates`).
 */
export function settingsRoutes(database: Database, opts: SettingsRoutesOptions) {
  const app = new Hono<AppEnv>();
  const { blobs } = opts;
  const elsewhere = opts.elsewhere ?? [];

  async function rows(locale: Locale): Promise<SettingRow[]> {
    const own = await Promise.all(
      SETTINGS.map(async (s) => ({
        kind: 'here' as const,
        key: s.key,
        id: fieldId(s.key),
        section: s.section,
        type: s.type,
        label: s.label,
        help: s.help,
        effect: s.effect,
        choices: s.choices,
        value: await s.current(database),
        display: s.display(await s.current(database), locale),
        defaultText: await s.defaultText(database, locale),
      })),
    );
    const other = await Promise.all(
      elsewhere.map(async (s) => ({
        kind: 'elsewhere' as const,
        key: s.key,
        id: fieldId(s.key),
        section: s.section,
        label: s.label,
        help: s.help,
        effect: s.effect,
        href: s.href,
        linkLabel: s.linkLabel,
        owner: s.owner,
        display: await s.current(database, locale),
        defaultText: s.defaultText(locale),
      })),
    );
    return [...own, ...other];
  }

  async function settingsPage(c: Context<AppEnv>, form: SettingsForm = {}) {
    const [list, logo, branding] = await Promise.all([
      rows(c.get('locale')),
      currentLogo(database),
      loadBranding(database),
    ]);
    const quotas = form.quotas ?? quotaInput(await fileQuotas(database));
    const closing = form.closingDays ?? closingDaysText(await closingDays(database));
    return render(c, {
      title: (v) => v.t('settings.title'),
      status: form.errors && Object.keys(form.errors).length ? 422 : 200,
      body: (v) => (
        <SettingsPage
          v={v}
          rows={list}
          form={{ ...form, quotas, closingDays: closing }}
          logo={logo ? { url: `${LOGO_PATH}${logo.sha256}.png`, width: logo.width, height: logo.height } : null}
          name={branding.name}
        />
      ),
    });
  }

  app.get('/settings', (c) => {
    require(c, 'settings.manage');
    return settingsPage(c);
  });

  // The file quotas (src/files/quotas.ts keeps their rules).
  app.post('/settings', async (c) => {
    const user = require(c, 'settings.manage');
    const body = await c.req.parseBody();
    const input = { personalMb: str(body, 'personalMb', 30), roomMb: str(body, 'roomMb', 30) };
    const result = await setFileQuotas(database, actorOf(user), input, { ip: c.get('clientIp')() });
    if (!result.ok) return settingsPage(c, { quotas: input, errors: translateErrors(c.get('t'), result.errors) });
    setFlash(c, { kind: 'success', key: 'settings.saved' });
    return c.redirect('/admin/settings#files', 303);
  });

  // The closing days of the working-day calendar (src/calendar): one resource, replaced whole.
  app.post('/settings/closing-days', async (c) => {
    const user = require(c, 'settings.manage');
    const body = await c.req.parseBody();
    const text = str(body, 'closingDays', 10_000);
    const result = await setClosingDays(database, actorOf(user), text, { ip: c.get('clientIp')() });
    if (!result.ok) {
      const message = c.get('t')(result.error.key, { line: result.error.line });
      return settingsPage(c, { closingDays: text, errors: { closingDays: message } });
    }
    setFlash(c, { kind: 'success', key: 'settings.closing.saved' });
    return c.redirect('/admin/settings', 303);
  });

  // The municipality: its name and colour (registry settings, audited before and after).
  app.post('/settings/municipality', async (c) => {
    const user = require(c, 'settings.manage');
    const body = await c.req.parseBody();
    const typed: Record<string, string> = {};
    for (const s of SETTINGS.filter((d) => d.section === 'municipality' && d.save === 'registry'))
      typed[s.key] = str(body, s.key, 500);
    const result = await saveSettings(database, { ...actorOf(user), can: (a) => can(user, a) }, 'municipality', typed, {
      ip: c.get('clientIp')(),
    });
    if (!result.ok) {
      const t = c.get('t');
      const errors = Object.fromEntries(
        Object.entries(result.errors).map(([key, e]) => [fieldId(key), t(e.key, e.params)]),
      );
      return settingsPage(c, { typed, errors });
    }
    setFlash(c, { kind: 'success', key: 'settings.municipality.saved' });
    return c.redirect('/admin/settings', 303);
  });

  // The logo: PNG only (src/files/logo.ts), stored in the blob store, served from /static/logo/.
  const logoLimit = acceptsUpload(LOGO_MAX_BYTES + 64 * 1024, (c) => {
    require(c, 'settings.manage');
    return settingsPage(c, {
      errors: { logo: c.get('t')('branding.logo.error.tooLarge', { kb: LOGO_MAX_BYTES / 1024 }) },
    });
  });

  app.post('/settings/logo', logoLimit, async (c) => {
    const user = require(c, 'settings.manage');
    const body = await c.req.parseBody();
    const file = body.logo;
    const t = c.get('t');
    const checked = file instanceof File ? checkLogo(new Uint8Array(await file.arrayBuffer())) : null;
    if (!checked || !checked.ok)
      return settingsPage(c, {
        errors: {
          logo: t(checked?.error ?? 'branding.logo.error.missing', checked?.ok === false ? checked.params : undefined),
        },
      });
    const sha256 = await blobs.put(database, checked.png);
    await writeTransaction(database, async (tx) => {
      const before = await currentLogo(tx);
      await tx.db.deleteFrom('municipality_logos').where('sha256', '!=', sha256).execute();
      await tx.db
        .insertInto('municipality_logos')
        .values({
          sha256,
          mime: 'image/png',
          width: checked.width,
          height: checked.height,
          uploaded_at: nowIso(),
          uploaded_by: user.id,
        })
        .onConflict((oc) => oc.column('sha256').doUpdateSet({ uploaded_at: nowIso(), uploaded_by: user.id }))
        .execute();
      await appendAudit(tx, {
        actor: actorOf(user),
        action: 'settings.update',
        entityType: 'setting',
        entityId: 'municipality.logo',
        summary: 'Municipality logo uploaded',
        details: {
          key: 'municipality.logo',
          before: before?.sha256 ?? null,
          after: sha256,
          width: checked.width,
          height: checked.height,
        },
        ip: c.get('clientIp')(),
      });
    });
    forgetBranding(database);
    setFlash(c, { kind: 'success', key: 'branding.logo.saved' });
    return c.redirect('/admin/settings#municipality', 303);
  });

  app.post('/settings/logo/deletion', async (c) => {
    const user = require(c, 'settings.manage');
    await writeTransaction(database, async (tx) => {
      const before = await currentLogo(tx);
      if (!before) return;
      await tx.db.deleteFrom('municipality_logos').execute();
      await appendAudit(tx, {
        actor: actorOf(user),
        action: 'settings.update',
        entityType: 'setting',
        entityId: 'municipality.logo',
        summary: 'Municipality logo removed',
        details: { key: 'municipality.logo', before: before.sha256, after: null },
        ip: c.get('clientIp')(),
      });
    });
    forgetBranding(database);
    setFlash(c, { kind: 'success', key: 'branding.logo.removed' });
    return c.redirect('/admin/settings#municipality', 303);
  });

  // --- E-mail templates ------------------------------------------------------------------
  app.get('/email-templates', async (c) => {
    require(c, 'settings.manage');
    const list = await Promise.all(
      MAIL_TEMPLATES.map(async (def) => ({
        def,
        custom: {
          da: (await loadMailTemplate(database, def, 'da')).custom,
          en: (await loadMailTemplate(database, def, 'en')).custom,
        },
      })),
    );
    return render(c, {
      title: (v) => v.t('mailTemplates.title'),
      body: (v) => <EmailTemplatesPage v={v} templates={list} />,
    });
  });

  function templateOf(c: Context<AppEnv>): { def: MailTemplateDef; locale: Locale } {
    const def = mailTemplateDef(c.req.param('id') ?? '');
    const locale = c.req.param('locale');
    if (!def || !isLocale(locale)) throw notFound();
    return { def, locale };
  }

  async function templatePage(
    c: Context<AppEnv>,
    def: MailTemplateDef,
    locale: Locale,
    form: { typed?: MailTemplateText; errors?: Record<string, string>; preview?: boolean } = {},
  ) {
    const stored = await loadMailTemplate(database, def, locale);
    const text = form.typed ?? stored;
    const organisation = (await loadBranding(database)).name;
    const preview = form.preview && !form.errors ? await previewMailTemplate(def, text, locale, organisation) : null;
    return render(c, {
      title: (v) => v.t('mailTemplates.edit.title', { template: v.t(def.title) }),
      status: form.errors ? 422 : 200,
      body: (v) => (
        <EmailTemplatePage
          v={v}
          def={def}
          locale={locale}
          text={text}
          custom={stored.custom}
          errors={form.errors ?? {}}
          preview={
            preview ? { subject: preview.subject, text: preview.text, frame: previewUrl(def, locale, text) } : null
          }
        />
      ),
    });
  }

  const previewUrl = (def: MailTemplateDef, locale: Locale, text: MailTemplateText) =>
    `/admin/email-templates/${def.id}/${locale}/preview?${new URLSearchParams({ subject: text.subject, body: text.body }).toString()}`;

  function templateErrors(c: Context<AppEnv>, errors: ReturnType<typeof validateMailTemplate>) {
    if (errors.ok) return undefined;
    const t = c.get('t');
    return Object.fromEntries(
      Object.entries(errors.errors).map(([part, e]) => [`template-${part}`, t(e.key, e.params)]),
    );
  }

  app.get('/email-templates/:id/:locale', (c) => {
    require(c, 'settings.manage');
    const { def, locale } = templateOf(c);
    return templatePage(c, def, locale, { preview: c.req.query('preview') === '1' });
  });

  // Save, or (the form's second button) show the text as typed with example data, saving nothing.
  app.post('/email-templates/:id/:locale', async (c) => {
    const user = require(c, 'settings.manage');
    const { def, locale } = templateOf(c);
    const body = await c.req.parseBody();
    const typed = { subject: str(body, 'subject', SUBJECT_MAX + 100), body: str(body, 'body', BODY_MAX + 100) };
    if (body.preview !== undefined) {
      const checked = validateMailTemplate(def, typed);
      return templatePage(c, def, locale, { typed, errors: templateErrors(c, checked), preview: true });
    }
    const saved = await saveMailTemplate(database, actorOf(user), def, locale, typed, { ip: c.get('clientIp')() });
    if (!saved.ok) return templatePage(c, def, locale, { typed, errors: templateErrors(c, saved) });
    setFlash(c, { kind: 'success', key: 'mailTemplates.saved' });
    return c.redirect(`/admin/email-templates/${def.id}/${locale}`, 303);
  });

  // "Gendan standard": the municipality's own text goes, the default applies again.
  app.post('/email-templates/:id/:locale/deletion', async (c) => {
    const user = require(c, 'settings.manage');
    const { def, locale } = templateOf(c);
    await restoreMailTemplate(database, actorOf(user), def, locale, { ip: c.get('clientIp')() });
    setFlash(c, { kind: 'success', key: 'mailTemplates.restored' });
    return c.redirect(`/admin/email-templates/${def.id}/${locale}`, 303);
  });

  // The HTML preview, shown in a frame on the editor: the mail as MJML renders it, with example
  // data, under a CSP of its own. An e-mail is styled inline (style attributes on every element,
  // as mail programs require), so this one document allows inline styles and nothing else: no
  // script of any kind (sandbox without allow-scripts, default-src 'none'), no fetch, font or
  // remote image (so injected CSS could not send anything anywhere), images only as data: URLs,
  // framed only by our own pages. The app's pages keep the strict nonce policy (src/http/security.ts).
  app.get('/email-templates/:id/:locale/preview', async (c) => {
    require(c, 'settings.manage');
    const { def, locale } = templateOf(c);
    const stored = await loadMailTemplate(database, def, locale);
    const typed = {
      subject: (c.req.query('subject') ?? stored.subject).slice(0, SUBJECT_MAX + 100),
      body: (c.req.query('body') ?? stored.body).slice(0, BODY_MAX + 100),
    };
    const checked = validateMailTemplate(def, typed);
    const text = checked.ok ? checked.value : stored;
    const mail = await previewMailTemplate(def, text, locale, (await loadBranding(database)).name);
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox",
    );
    c.header('X-Frame-Options', 'SAMEORIGIN');
    c.header('Cache-Control', 'private, no-store');
    return c.html(mail.html);
  });

  return app;
}

/**
 * The logo, mounted at /static/logo (public, like the other static files: the sign-in page shows
 * it too). The address holds the content's hash, so it is cached for a year; only the current
 * logo is served.
 */
export function logoRoutes(database: Database, blobs: BlobStore) {
  const app = new Hono<AppEnv>();
  app.get('/:file{[0-9a-f]{64}\\.png}', async (c) => {
    const sha256 = c.req.param('file').slice(0, 64);
    const logo = await currentLogo(database);
    if (!logo || logo.sha256 !== sha256) throw notFound();
    return sendBlob(
      c,
      { blobs, sha256 },
      { mime: 'image/png', inline: true, cacheControl: 'public, max-age=31536000, immutable' },
    );
  });
  return app;
}
