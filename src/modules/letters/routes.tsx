import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { CaseLetters, LetterStatus, type LetterFormState } from '../../../views/letters/CaseLetters.tsx';
import { FailedLetters } from '../../../views/letters/HomeSection.tsx';
import { OUTBOX_FILTERS, OutboxPage } from '../../../views/letters/Outbox.tsx';
import { TemplateForm, TemplateList, type TemplatePreview } from '../../../views/letters/Templates.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import type { ViewContext } from '../../../views/context.ts';
import type { Child } from 'hono/jsx';
import { audit } from '../../audit/service.ts';
import { addWorkingDays } from '../../calendar/workdays.ts';
import { closingDays } from '../../calendar/closing-days.ts';
import type { Database } from '../../db/index.ts';
import { getSetting, putSetting } from '../../db/settings.ts';
import { toId } from '../../db/sql.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str, translateErrors } from '../../http/forms.ts';
import { render, viewContext } from '../../http/render.tsx';
import { validateCvr } from '../../identity/index.ts';
import { copenhagenDate, type T } from '../../i18n/index.ts';
import { can, type Action, type Actor } from '../../policy/index.ts';
import { requireCase, type CasePageRenderer, type CasePageSection } from '../cases/index.ts';
import { listOutbox, requeueMessage } from '../digital-post/index.ts';
import type { DocumentPageSection } from '../documents/index.ts';
import type { PersonRegister } from '../registers/index.ts';
import {
  composeLetter,
  failedLettersFor,
  letterOfDocument,
  listLetters,
  recipientsOf,
  sendLetter,
  type LetterErrors,
  type LetterInput,
  type LetterSender,
} from './letters.ts';
import { SENDER_CVR_SETTING } from './dispatch.ts';
import {
  getTemplate,
  listTemplates,
  previewTemplate,
  saveTemplate,
  setTemplateActive,
  type TemplateErrors,
  type TemplateInput,
} from './templates.ts';

/** The letter form's field ids (unique on the case page). */
const FIELD_IDS: Record<keyof LetterInput, string> = {
  partyId: 'letter-party',
  templateId: 'letter-template',
  deadline: 'letter-deadline',
  title: 'letter-title',
  body: 'letter-body',
  token: 'letter-title',
};

/** Ten working days from today: the default deadline ({{dato.frist}}). */
async function defaultDeadline(database: Database): Promise<string> {
  return addWorkingDays(copenhagenDate(new Date()), 10, await closingDays(database));
}

const senderOf = (user: CurrentUser): LetterSender => ({ ...actorOf(user), displayName: user.displayName });

/** The case page's "Breve" section (a CasePageSection, wired in src/app.tsx). */
export function lettersSection(database: Database): CasePageSection {
  return async (c, loaded, state) => {
    const user = c.get('user')!;
    const canWrite = can(user, 'case.edit', loaded.resource);
    const [letters, recipients, templates, deadline] = await Promise.all([
      listLetters(database, loaded.row.id),
      canWrite ? recipientsOf(database, loaded.row.id) : Promise.resolve([]),
      canWrite ? listTemplates(database, { activeOnly: true }) : Promise.resolve([]),
      defaultDeadline(database),
    ]);
    return (
      <CaseLetters
        v={viewContext(c)}
        caseId={loaded.row.id}
        letters={letters}
        recipients={recipients}
        templates={templates.map((t) => ({ id: t.id, name: t.name }))}
        canWrite={canWrite}
        form={state as LetterFormState | undefined}
        defaultDeadline={deadline}
        newToken={randomUUID()}
      />
    );
  };
}

/**
 * The letter form of a case, mounted at /cases: one form, three buttons (`step`): merge the
 * template for the recipient, preview the text, send. Merge and preview re-render the case page
 * with the form filled in; a refused send re-renders it with 422; a sent letter redirects back.
 */
export function letterRoutes(
  database: Database,
  blobs: BlobStore,
  register: PersonRegister,
  renderCase: CasePageRenderer,
  opts: { defaultSenderCvr?: string | null } = {},
) {
  const app = new Hono<AppEnv>();

  app.post('/:id{[0-9]+}/letters', async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    const body = await c.req.parseBody();
    const input: LetterInput = {
      partyId: str(body, 'partyId', 20),
      templateId: str(body, 'templateId', 20),
      deadline: str(body, 'deadline', 10),
      title: str(body, 'title', 300),
      body: str(body, 'body', 25_000),
      token: str(body, 'token', 40),
    };
    const t = c.get('t');
    const step = str(body, 'step', 10);
    const again = (state: LetterFormState, status?: 422) =>
      renderCase(c, loaded, { status, sectionState: { letters: state } });
    const errorsOf = (errors: LetterErrors): FieldErrors => translateErrors(t, errors, FIELD_IDS);

    if (step === 'merge') {
      const merged = await composeLetter(database, loaded.row, input, senderOf(user));
      if (!merged.ok) return again({ input, errors: errorsOf(merged.errors) }, 422);
      return again({ input: { ...input, title: merged.title, body: merged.body }, errors: {} });
    }
    if (step === 'preview') return again({ input, errors: {}, preview: true });

    const result = await sendLetter(database, blobs, register, loaded.row, input, senderOf(user), {
      ip: c.get('clientIp')(),
      defaultSenderCvr: opts.defaultSenderCvr,
    });
    if (!result.ok)
      return again({ input, errors: errorsOf(result.errors), error: result.error ? t(result.error) : undefined }, 422);
    setFlash(c, {
      kind: result.repeated ? 'info' : 'success',
      key: result.repeated
        ? 'letters.sent.repeated'
        : result.channel === 'print'
          ? 'letters.sent.print'
          : 'letters.sent',
      params: { title: input.title.trim() },
    });
    return c.redirect(`/cases/${loaded.row.id}#letters`, 303);
  });

  return app;
}

/** A sent letter's delivery status on its document's page (a DocumentPageSection, wired in src/app.tsx). */
export function letterStatusSection(database: Database): DocumentPageSection {
  return async (c, _loaded, doc) => {
    const letter = await letterOfDocument(database, doc.id);
    if (!letter) return null;
    return <LetterStatus v={viewContext(c)} letter={letter} />;
  };
}

/** The front page's failed letters (a HomeSection, handed to home in src/app.tsx). */
export async function lettersHomeSection(database: Database, user: Actor): Promise<((v: ViewContext) => Child) | null> {
  if (!can(user, 'cases.view')) return null;
  const letters = await failedLettersFor(database, user.id);
  if (letters.length === 0) return null;
  return (v) => <FailedLetters v={v} letters={letters} />;
}

function allowed(c: Context<AppEnv>, action: Action): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}

function templateErrors(t: T, errors: TemplateErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, e] of Object.entries(errors)) if (e) out[field] = t(e.key, e.params);
  return out;
}

/** Administration → Brevskabeloner, mounted at /admin/letter-templates. */
export function letterTemplateRoutes(database: Database) {
  const app = new Hono<AppEnv>();
  const ACTION: Action = 'letters.manageTemplates';
  const read = (body: Record<string, unknown>): TemplateInput => ({
    name: str(body as never, 'name', 200),
    title: str(body as never, 'title', 300),
    body: str(body as never, 'body', 25_000),
  });
  const form = (
    c: Context<AppEnv>,
    id: number | null,
    input: TemplateInput,
    errors: FieldErrors,
    status?: 422,
    preview?: TemplatePreview,
  ) =>
    render(c, {
      title: (v) => v.t(id === null ? 'letters.templates.new' : 'letters.templates.edit'),
      status,
      body: (v) => <TemplateForm v={v} id={id} input={input} errors={errors} preview={preview} />,
    });
  // "Vis eksempel": the text merged with made-up values, on the form; nothing is saved.
  const preview = (c: Context<AppEnv>, id: number | null, input: TemplateInput) => {
    const result = previewTemplate(input);
    if (!result.ok) return form(c, id, input, templateErrors(c.get('t'), result.errors), 422);
    return form(c, id, input, {}, undefined, { title: result.title, paragraphs: result.paragraphs });
  };

  app.get('/', async (c) => {
    allowed(c, ACTION);
    const templates = await listTemplates(database);
    return render(c, {
      title: (v) => v.t('letters.templates.title'),
      body: (v) => <TemplateList v={v} templates={templates} />,
    });
  });

  app.get('/new', (c) => {
    allowed(c, ACTION);
    return form(c, null, { name: '', title: '', body: '' }, {});
  });

  app.post('/', async (c) => {
    const user = allowed(c, ACTION);
    const body = await c.req.parseBody();
    const input = read(body);
    if (body.step === 'preview') return preview(c, null, input);
    const result = await saveTemplate(database, null, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) return form(c, null, input, templateErrors(c.get('t'), result.errors), 422);
    setFlash(c, { kind: 'success', key: 'letters.templates.saved', params: { name: input.name.trim() } });
    return c.redirect('/admin/letter-templates', 303);
  });

  const loadTemplate = async (c: Context<AppEnv>) => {
    const id = toId(c.req.param('templateId'));
    const row = id === null ? undefined : await getTemplate(database, id);
    if (!row) throw notFound();
    return row;
  };

  app.get('/:templateId{[0-9]+}/edit', async (c) => {
    allowed(c, ACTION);
    const row = await loadTemplate(c);
    return form(c, row.id, { name: row.name, title: row.title, body: row.body }, {});
  });

  app.post('/:templateId{[0-9]+}', async (c) => {
    const user = allowed(c, ACTION);
    const row = await loadTemplate(c);
    const body = await c.req.parseBody();
    const input = read(body);
    if (body.step === 'preview') return preview(c, row.id, input);
    const result = await saveTemplate(database, row.id, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) return form(c, row.id, input, templateErrors(c.get('t'), result.errors), 422);
    setFlash(c, { kind: 'success', key: 'letters.templates.saved', params: { name: input.name.trim() } });
    return c.redirect('/admin/letter-templates', 303);
  });

  for (const [path, active] of [
    ['/:templateId{[0-9]+}/deactivation', false],
    ['/:templateId{[0-9]+}/deactivation/deletion', true],
  ] as const) {
    app.post(path, async (c) => {
      const user = allowed(c, ACTION);
      const row = await loadTemplate(c);
      await setTemplateActive(database, row.id, active, actorOf(user), { ip: c.get('clientIp')() });
      setFlash(c, {
        kind: 'success',
        key: active ? 'letters.templates.activated' : 'letters.templates.deactivated',
        params: { name: row.name },
      });
      return c.redirect('/admin/letter-templates', 303);
    });
  }

  return app;
}

/** Administration → Digital Post, mounted at /admin/digital-post: the sender, the outbox, retries. */
export function digitalPostAdminRoutes(database: Database) {
  const app = new Hono<AppEnv>();
  const ACTION: Action = 'digitalPost.manage';
  type Filter = (typeof OUTBOX_FILTERS)[number];
  const page = async (c: Context<AppEnv>, senderCvr?: string, errors: FieldErrors = {}) => {
    const q = c.req.query('status') ?? '';
    const status: Filter = (OUTBOX_FILTERS as readonly string[]).includes(q) ? (q as Filter) : '';
    const [items, cvr] = await Promise.all([
      listOutbox(database, { status: status || null }),
      getSetting(database, SENDER_CVR_SETTING),
    ]);
    return render(c, {
      title: (v) => v.t('letters.outbox.title'),
      status: Object.keys(errors).length ? 422 : undefined,
      body: (v) => (
        <OutboxPage v={v} items={items} status={status} senderCvr={senderCvr ?? cvr ?? ''} errors={errors} />
      ),
    });
  };

  app.get('/', (c) => {
    allowed(c, ACTION);
    return page(c);
  });

  app.post('/sender', async (c) => {
    const user = allowed(c, ACTION);
    const value = str(await c.req.parseBody(), 'senderCvr', 20);
    const valid = validateCvr(value.trim());
    if (!valid.ok) return page(c, value, { senderCvr: c.get('t')('letters.outbox.senderCvr.error') });
    await putSetting(database, SENDER_CVR_SETTING, valid.cvr);
    await audit(database, {
      actor: actorOf(user),
      action: 'settings.update',
      summary: `Set the Digital Post sender CVR to ${valid.cvr}`,
      details: { key: SENDER_CVR_SETTING, value: valid.cvr },
      ip: c.get('clientIp')(),
    });
    setFlash(c, { kind: 'success', key: 'letters.outbox.senderCvr.saved' });
    return c.redirect('/admin/digital-post', 303);
  });

  app.post('/:messageId{[0-9]+}/retry', async (c) => {
    const user = allowed(c, ACTION);
    const id = toId(c.req.param('messageId'));
    const ok = id !== null && (await requeueMessage(database, id, actorOf(user), { ip: c.get('clientIp')() }));
    setFlash(
      c,
      ok ? { kind: 'success', key: 'letters.outbox.requeued' } : { kind: 'error', key: 'letters.outbox.notFailed' },
    );
    return c.redirect('/admin/digital-post?status=failed', 303);
  });

  return app;
}
