import { toId } from '../../db/sql.ts';
import { Hono, type Context } from 'hono';
import type { FieldErrors } from '../../../views/components/form.tsx';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import { NewsArchivePage, NewsResults, type ArchiveState } from '../../../views/news/NewsArchive.tsx';
import { NewsArticlePage, Reactions, type ArticleData } from '../../../views/news/NewsArticle.tsx';
import { NewsFormPage } from '../../../views/news/NewsForm.tsx';
import { NewsReadersPage } from '../../../views/news/NewsReaders.tsx';
import { renderMarkdown } from '../../content/markdown.ts';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound, renderError } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, list, str, translateErrors } from '../../http/forms.ts';
import { render, wantsFragment } from '../../http/render.tsx';
import { acceptsUpload } from '../../http/uploads.ts';
import { sendBlob } from '../../http/send-blob.ts';
import { formatNumber, type Locale } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import { unitTree } from '../org/index.ts';
import type { ImageUpload } from './images.ts';
import {
  addComment,
  confirmRead,
  createNews,
  emptyNewsInput,
  getNews,
  IMAGE_ACCEPT,
  imageUrl,
  inputFromNews,
  isPublished,
  isTargetedAt,
  listComments,
  listNews,
  MAX_IMAGE_BYTES,
  newsContext,
  newsStatus,
  reactionSummary,
  readersReport,
  receiptFor,
  remindPending,
  searchNews,
  toggleReaction,
  updateNews,
  type NewsInput,
  type NewsRow,
} from './service.ts';

/**
 * Intranet news, mounted at /news. Reading is for everyone with 'intranet.view'; a scheduled or
 * unpublished item answers 404 to everyone but editors. Writing needs 'news.publish' (create) or
 * 'news.edit' on the item (change, read receipts, reminders); comments and reactions need
 * 'news.comment'. Every form works without JavaScript (POST-redirect-GET with a flash); the
 * reaction buttons swap just their block when htmx is there.
 */

const sizeLabel = (locale: Locale) => `${formatNumber(MAX_IMAGE_BYTES / (1024 * 1024), locale)} MB`;

async function readNewsForm(c: Context<AppEnv>): Promise<{ input: NewsInput; image: ImageUpload | null }> {
  const body = await c.req.parseBody({ all: true });
  const raw = Array.isArray(body.image) ? body.image[0] : body.image;
  let image: ImageUpload | null = null;
  // A form sent without a chosen file carries an empty, nameless part: no image.
  if (raw instanceof File && (raw.size > 0 || raw.name))
    image = { name: raw.name || 'billede', type: raw.type, bytes: Buffer.from(await raw.arrayBuffer()) };
  const input = emptyNewsInput({
    title: str(body, 'title', 400),
    summary: str(body, 'summary', 1000),
    body: str(body, 'body', 110_000),
    imageAlt: str(body, 'imageAlt', 600),
    audience: list(body, 'audience'),
    publishAt: str(body, 'publishAt', 40),
    unpublishAt: str(body, 'unpublishAt', 40),
    pinned: body.pinned !== undefined,
    mustRead: body.mustRead !== undefined,
    substantial: body.substantial !== undefined,
    removeImage: body.removeImage !== undefined,
    pendingImage: str(body, 'pendingImage', 100),
  });
  return { input, image };
}

export function newsRoutes(database: Database, blobs: BlobStore) {
  const app = new Hono<AppEnv>();

  // The form with an image: the image's limit plus room for the text. (The app's general form
  // limit must not apply to these two paths; see the report/README note on mounting.)
  const uploadLimit = acceptsUpload(MAX_IMAGE_BYTES + 512 * 1024, (c) =>
    renderError(
      c as Context<AppEnv>,
      413,
      (c as Context<AppEnv>).get('t')('news.error.requestTooLarge', {
        size: sizeLabel((c as Context<AppEnv>).get('locale')),
      }),
    ),
  );

  function reader(c: Context<AppEnv>): CurrentUser {
    const user = c.get('user');
    if (!user || !can(user, 'intranet.view')) throw forbidden();
    return user;
  }

  /**
   * Loads an item for an action. Anyone who may not see it (not published, not an editor) gets
   * 404, exactly as for an item that does not exist; someone who may see it but not do the
   * thing gets 403.
   */
  async function load(c: Context<AppEnv>, need: 'read' | 'edit' | 'comment' = 'read') {
    const user = reader(c);
    const row = await getNews(database, toId(c.req.param('id')) ?? 0);
    if (!row) throw notFound();
    const editor = can(user, 'news.edit', { type: 'news', authorId: row.author_id });
    if (!editor && !isPublished(row)) throw notFound();
    if (need === 'edit' && !editor) throw forbidden();
    // The policy's news resource rule is about editing, so commenting is asked without it.
    if (need === 'comment' && !can(user, 'news.comment')) throw forbidden();
    return { row, user, editor };
  }

  async function formPage(
    c: Context<AppEnv>,
    opts: { mode: 'new' | 'edit'; row?: NewsRow; input: NewsInput; errors: FieldErrors; status?: 200 | 422 },
  ) {
    const units = await unitTree(database);
    const saved = opts.row
      ? { title: opts.row.title, imageUrl: imageUrl(opts.row), version: opts.row.version }
      : undefined;
    return render(c, {
      title: (v) => (opts.mode === 'new' ? v.t('news.new') : v.t('news.editTitle', { title: opts.row!.title })),
      status: opts.status ?? 200,
      body: (v) => (
        <NewsFormPage
          v={v}
          mode={opts.mode}
          newsId={opts.row?.id}
          saved={saved}
          input={opts.input}
          errors={opts.errors}
          units={units}
          maxImageSize={sizeLabel(v.locale)}
          imageAccept={IMAGE_ACCEPT}
        />
      ),
    });
  }

  async function articlePage(
    c: Context<AppEnv>,
    loaded: { row: NewsRow; user: CurrentUser; editor: boolean },
    forms: ArticleData['forms'] = {},
    status: 200 | 422 = 200,
  ) {
    const { row, user, editor } = loaded;
    const actor = actorOf(user);
    const [ctx, targeted, receipt, reactions, comments] = await Promise.all([
      newsContext(database, row),
      isTargetedAt(database, row, actor),
      receiptFor(database, row, user.id),
      reactionSummary(database, row.id, user.id),
      listComments(database, row.id),
    ]);
    const data: ArticleData = {
      row,
      status: newsStatus(row),
      bodyHtml: renderMarkdown(row.body_md),
      imageUrl: imageUrl(row),
      audience: ctx.audience,
      authorName: ctx.authorName,
      targeted,
      receipt,
      reactions,
      comments,
      allowed: { edit: editor, comment: can(user, 'news.comment') },
      forms,
    };
    return render(c, { title: row.title, status, body: (v) => <NewsArticlePage v={v} d={data} /> });
  }

  // --- The archive and search ---------------------------------------------------------------
  app.get('/', async (c) => {
    const user = reader(c);
    const editor = can(user, 'news.edit');
    const view = editor && c.req.query('view') === 'unpublished' ? 'unpublished' : 'published';
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    let after: { publishAt: string; id: number } | null = null;
    const rawAfter = c.req.query('after') ?? '';
    const bar = rawAfter.lastIndexOf('|');
    if (bar > 0) {
      const id = toId(rawAfter.slice(bar + 1));
      const publishAt = rawAfter.slice(0, bar);
      if (id && !Number.isNaN(Date.parse(publishAt))) after = { publishAt, id };
    }
    const searching = view === 'published' && q.length > 0;
    const hits = searching ? await searchNews(database, q, 50) : null;
    const list = searching ? { items: [], next: null } : await listNews(database, { user: actorOf(user), view, after });
    const s: ArchiveState = {
      view,
      q,
      hits,
      items: list.items,
      next: list.next ? `${list.next.publishAt}|${list.next.id}` : null,
      editor,
    };
    return render(c, {
      title: (v) => (q ? `${v.t('news.title')}: ${q}` : v.t('news.title')),
      body: (v) => <NewsArchivePage v={v} s={s} />,
      fragment: (v) => (
        <>
          <NewsResults v={v} s={s} />
          <LiveAnnouncement
            text={
              hits
                ? hits.length
                  ? v.t('news.search.count', { count: formatNumber(hits.length, v.locale) })
                  : v.t('news.search.none', { q })
                : v.t('news.count', { count: formatNumber(s.items.length, v.locale) })
            }
          />
        </>
      ),
    });
  });

  // --- Create -----------------------------------------------------------------------------------
  app.get('/new', async (c) => {
    const user = reader(c);
    if (!can(user, 'news.publish')) throw forbidden();
    return formPage(c, { mode: 'new', input: emptyNewsInput(), errors: {} });
  });

  app.post('/', uploadLimit, async (c) => {
    const user = reader(c);
    if (!can(user, 'news.publish')) throw forbidden();
    const { input, image } = await readNewsForm(c);
    const result = await createNews(database, blobs, input, image, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      return formPage(c, {
        mode: 'new',
        input: { ...input, pendingImage: result.pendingImage },
        errors: translateErrors(c.get('t'), result.errors),
        status: 422,
      });
    }
    setFlash(c, { kind: 'success', key: 'news.createdMsg' });
    return c.redirect(`/news/${result.id}`, 303);
  });

  // --- One item ---------------------------------------------------------------------------------
  app.get('/:id{[0-9]+}', async (c) => articlePage(c, await load(c)));

  app.get('/:id{[0-9]+}/edit', async (c) => {
    const { row } = await load(c, 'edit');
    return formPage(c, { mode: 'edit', row, input: await inputFromNews(database, row), errors: {} });
  });

  app.post('/:id{[0-9]+}', uploadLimit, async (c) => {
    const { row, user } = await load(c, 'edit');
    const { input, image } = await readNewsForm(c);
    const result = await updateNews(database, blobs, row, input, image, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      return formPage(c, {
        mode: 'edit',
        row,
        input: { ...input, pendingImage: result.pendingImage },
        errors: translateErrors(c.get('t'), result.errors),
        status: 422,
      });
    }
    if (!result.changed.length) setFlash(c, { kind: 'info', key: 'news.noChanges' });
    else if (result.version !== row.version)
      setFlash(c, { kind: 'success', key: 'news.savedNewVersion', params: { version: result.version } });
    else setFlash(c, { kind: 'success', key: 'news.savedMsg' });
    return c.redirect(`/news/${row.id}`, 303);
  });

  /**
   * The image. Its address carries the start of its hash (`?v=`), so a changed image gets a new
   * address and this one may be cached for good; without it (or with an old one) browsers must
   * revalidate with the ETag. Private: pages and images are for signed-in staff.
   */
  app.get('/:id{[0-9]+}/image', async (c) => {
    const { row } = await load(c);
    const sha = row.image_sha256;
    if (!sha || !row.image_mime || !blobs.exists(sha)) throw notFound();
    return sendBlob(
      c,
      { blobs, sha256: sha },
      {
        mime: row.image_mime,
        inline: true,
        cacheControl:
          c.req.query('v') === sha.slice(0, 16) ? 'private, max-age=31536000, immutable' : 'private, no-cache',
      },
    );
  });

  app.post('/:id{[0-9]+}/receipts', async (c) => {
    const { row, user } = await load(c);
    const result = await confirmRead(database, row, actorOf(user), { ip: c.get('clientIp')() });
    setFlash(c, result.ok ? { kind: 'success', key: 'news.readConfirmed' } : { kind: 'error', key: result.error });
    return c.redirect(`/news/${row.id}#receipt`, 303);
  });

  app.post('/:id{[0-9]+}/comments', async (c) => {
    const loaded = await load(c, 'comment');
    const body = await c.req.parseBody();
    const text = typeof body.body === 'string' ? body.body.slice(0, 10_000) : '';
    const result = await addComment(database, loaded.row, text, actorOf(loaded.user), { ip: c.get('clientIp')() });
    if (!result.ok) return articlePage(c, loaded, { comment: { body: text, error: c.get('t')(result.error) } }, 422);
    setFlash(c, { kind: 'success', key: 'news.commentAdded' });
    return c.redirect(`/news/${loaded.row.id}#comment-${result.id}`, 303);
  });

  /** Toggles a reaction: a plain form post (redirect back), or with htmx just the reactions block. */
  app.post('/:id{[0-9]+}/reactions', async (c) => {
    const { row, user } = await load(c, 'comment');
    const body = await c.req.parseBody();
    const result = await toggleReaction(database, row, typeof body.kind === 'string' ? body.kind : '', actorOf(user), {
      ip: c.get('clientIp')(),
    });
    if (!wantsFragment(c)) {
      if (!result.ok) setFlash(c, { kind: 'error', key: result.error });
      return c.redirect(`/news/${row.id}#reactions`, 303);
    }
    const items = await reactionSummary(database, row.id, user.id);
    return render(c, {
      title: row.title,
      status: result.ok ? 200 : 422,
      body: () => null,
      fragment: (v) => {
        let text = v.t('news.error.reaction');
        if (result.ok) {
          const label = v.t(`news.reaction.${result.kind}`);
          const count = items.find((i) => i.kind === result.kind)?.count ?? 0;
          text = v.t(result.added ? 'news.reactions.added' : 'news.reactions.removed', { label, count });
        }
        return (
          <>
            <Reactions v={v} newsId={row.id} items={items} canReact={true} />
            <LiveAnnouncement text={text} />
          </>
        );
      },
    });
  });

  app.get('/:id{[0-9]+}/readers', async (c) => {
    const { row } = await load(c, 'edit');
    const report = await readersReport(database, row);
    return render(c, {
      title: (v) => v.t('news.readers.pageTitle', { title: row.title }),
      body: (v) => <NewsReadersPage v={v} row={row} report={report} canRemind={!!row.must_read && isPublished(row)} />,
    });
  });

  app.post('/:id{[0-9]+}/reminders', async (c) => {
    const { row, user } = await load(c, 'edit');
    const result = await remindPending(database, row, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) setFlash(c, { kind: 'error', key: result.error });
    else if (result.sent === 0) setFlash(c, { kind: 'info', key: 'news.remindersNone' });
    else setFlash(c, { kind: 'success', key: 'news.remindersSent', params: { count: result.sent } });
    return c.redirect(`/news/${row.id}/readers`, 303);
  });

  return app;
}
