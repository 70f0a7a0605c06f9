import { Hono, type Context } from 'hono';
import {
  DocumentPostlistSection,
  PostlistPage,
  ReceiptPage,
  RequestPage,
  type RequestFormState,
} from '../../../views/postlist/Postlist.tsx';
import type { Database } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, queryId, str, translateErrors } from '../../http/forms.ts';
import { render, viewContext } from '../../http/render.tsx';
import { formatDate } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import { requireCase, type LoadedCase } from '../cases/index.ts';
import type { DocumentPageSection } from '../documents/index.ts';
import {
  allowSubmission,
  createPublicRequest,
  parseIsoWeek,
  publicEntry,
  publishedWeeks,
  setPostlist,
  validatePublicRequest,
  weekEntries,
  type MarkableDocument,
} from './service.ts';

/**
 * The public post list under /postliste (src/auth/middleware.ts lets it through without
 * sign-in): the published weeks, the form to request access, its receipt. Time is the app's
 * clock (src/clock.ts), so the demo and the tests can move it.
 */
export function postlistRoutes(database: Database): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const now = new Date();
    const weeks = await publishedWeeks(database, now);
    const asked = c.req.query('week');
    const chosen = asked ? parseIsoWeek(asked) : null;
    if (asked && !chosen) throw notFound();
    const week = chosen
      ? { ...chosen, count: weeks.find((w) => w.key === chosen.key)?.count ?? 0 }
      : (weeks[0] ?? null);
    const rows = week ? await weekEntries(database, week, now) : [];
    return render(c, {
      title: c.get('t')('postlist.title'),
      description: c.get('t')('postlist.lead'),
      body: (v) => <PostlistPage v={v} weeks={weeks} week={week} rows={rows} />,
    });
  });

  async function requestPage(
    c: Context<AppEnv>,
    form: RequestFormState,
    errors: Record<string, string> = {},
    status: 200 | 422 | 429 = 200,
  ) {
    const id = toId(form.document);
    const entry = id ? await publicEntry(database, id, new Date()) : null;
    return render(c, {
      title: c.get('t')('postlist.request.title'),
      status,
      body: (v) => <RequestPage v={v} form={form} entry={entry} errors={errors} />,
    });
  }

  app.get('/anmodning', async (c) => {
    const t = c.get('t');
    const id = queryId(c, 'document');
    const entry = id ? await publicEntry(database, id, new Date()) : null;
    return requestPage(c, {
      name: '',
      email: '',
      kind: '',
      document: entry ? String(entry.documentId) : '',
      asksFor: entry
        ? t('postlist.request.asksForPrefill', {
            title: entry.title,
            caseNumber: entry.caseNumber,
            date: formatDate(`${entry.date}T12:00:00Z`, c.get('locale')),
          })
        : '',
    });
  });

  app.post('/anmodning', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const form: RequestFormState = {
      name: str(body, 'name', 300),
      email: str(body, 'email', 300),
      kind: str(body, 'kind', 20),
      asksFor: str(body, 'asksFor', 6000),
      document: str(body, 'document', 12),
    };
    // The trap field: people never see it. A robot gets the receipt page, and nothing is stored.
    if (str(body, 'website', 200).trim()) return c.redirect('/postliste/anmodning/kvittering', 303);
    const errors = validatePublicRequest(form);
    if (Object.keys(errors).length) return requestPage(c, form, translateErrors(t, errors), 422);
    const ip = c.get('clientIp')();
    const now = new Date();
    if (!(await allowSubmission(database, ip, now)))
      return requestPage(c, form, { asksFor: t('postlist.request.error.tooMany') }, 429);
    const created = await createPublicRequest(database, form, now, ip);
    return c.redirect(`/postliste/anmodning/kvittering?ref=${created.id}`, 303);
  });

  app.get('/anmodning/kvittering', async (c) => {
    const id = queryId(c, 'ref');
    // Only the dates and the reference: nothing the requester wrote is shown again here.
    const row = id
      ? await database.db
          .selectFrom('access_requests')
          .select(['id', 'received_on', 'deadline'])
          .where('id', '=', id)
          .where('channel', '=', 'form')
          .executeTakeFirst()
      : undefined;
    const today = new Date().toISOString().slice(0, 10);
    return render(c, {
      title: c.get('t')('postlist.receipt.title'),
      body: (v) => (
        <ReceiptPage
          v={v}
          received={row?.received_on ?? today}
          deadline={row?.deadline ?? today}
          reference={row ? String(row.id) : '–'}
        />
      ),
    });
  });

  return app;
}

function markable(doc: MarkableDocument): boolean {
  return !!doc.journalised_at && (doc.direction === 'incoming' || doc.direction === 'outgoing');
}

const markAction = (caseId: number, documentId: number) => `/cases/${caseId}/documents/${documentId}/postlist`;

async function loadDocument(database: Database, caseId: number, documentId: number | null) {
  if (!documentId) throw notFound();
  const doc = await database.db
    .selectFrom('documents')
    .select(['id', 'title', 'direction', 'journalised_at', 'on_postlist', 'postlist_title'])
    .where('id', '=', documentId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!doc) throw notFound();
  return doc;
}

/** The post-list section on the document page (documentRoutes' `sections`). */
export function postlistSection(): DocumentPageSection {
  return (c, loaded: LoadedCase, doc) =>
    Promise.resolve(
      <DocumentPostlistSection
        v={viewContext(c)}
        action={markAction(loaded.row.id, doc.id)}
        markable={markable(doc)}
        confidential={!!loaded.row.confidential}
        editable={can(c.get('user')!, 'case.edit', loaded.resource)}
        on={!!doc.on_postlist}
        title={doc.postlist_title ?? ''}
      />,
    );
}

/** Marking a document for the post list: POST /cases/:caseId/documents/:documentId/postlist. */
export function postlistMarkRoutes(database: Database): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/:caseId{[0-9]+}/documents/:documentId{[0-9]+}/postlist', async (c) => {
    const user = c.get('user');
    const loaded = await requireCase(database, user, c.req.param('caseId'), 'case.edit');
    const doc = await loadDocument(database, loaded.row.id, toId(c.req.param('documentId')));
    const body = await c.req.parseBody();
    const on = str(body, 'on', 2) !== '0';
    const title = str(body, 'postlistTitle', 400);
    const back = `/cases/${loaded.row.id}/documents/${doc.id}`;
    if (on && loaded.row.confidential) throw notFound();
    const result = await setPostlist(database, loaded.row, doc, { on, title }, actorOf(user!), c.get('clientIp')());
    if (!result.ok) {
      const t = c.get('t');
      // The form again, with the title as typed and the message (the document page is another module's).
      return render(c, {
        title: `${t('postlist.mark.title')} · ${doc.title}`,
        status: 422,
        body: (v) => (
          <>
            <nav aria-label={loaded.row.number} class="mb-2 text-sm">
              <a href={back}>{doc.title}</a>
            </nav>
            <h1 id="page-title" tabindex={-1} class="mb-4 text-2xl font-bold">
              {doc.title}
            </h1>
            <DocumentPostlistSection
              v={v}
              action={markAction(loaded.row.id, doc.id)}
              markable
              confidential={false}
              editable
              on={!!doc.on_postlist}
              title={title}
              error={t(result.error)}
            />
          </>
        ),
      });
    }
    setFlash(c, { kind: 'success', key: on ? 'postlist.mark.added' : 'postlist.mark.removed' });
    return c.redirect(back, 303);
  });
  return app;
}
