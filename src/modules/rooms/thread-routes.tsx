import { Hono, type Context } from 'hono';
import { EditPostPage, HistoryPage } from '../../../views/rooms/Posts.tsx';
import {
  postContext,
  postHtml,
  reactionsHtml,
  ReplyForm,
  ThreadPageView,
  type ReplyFormState,
} from '../../../views/rooms/Thread.tsx';
import { NewThreadPage, ThreadListPage, ThreadResults, type ThreadListState } from '../../../views/rooms/Threads.tsx';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { render, wantsFragment } from '../../http/render.tsx';
import { requirePost, requireThread, toId, type LoadedRoom } from './access.ts';
import { follow, isFollowing, unfollow } from './membership.ts';
import {
  editPost,
  locate,
  postHistory,
  postView,
  quoteText,
  reply,
  threadPage,
  type EditInput,
  type PageWindow,
} from './posts.ts';
import { toggleReaction } from './reactions.ts';
import { cursorParam, parseCursor } from './rooms.ts';
import { createThread, listThreads, mayAccept, roomTags, setAccepted, type ThreadInput } from './threads.ts';
import { str, translate, type RoomRouteContext } from './route-context.tsx';

/** The forum: threads, replies, acceptance, following a thread; posts, their edits and reactions. */

/** A keyset window on a thread: `after`/`before` reply ids, or `last` for the newest replies. */
function windowOf(q: Record<string, string>): PageWindow {
  const n = (s: string | undefined) => toId(s);
  if (q.last === '1') return { last: true };
  const before = n(q.before);
  if (before !== null) return { before };
  return { after: n(q.after) };
}

export function threadRoutes({ database, load, ip, reportsOf, back }: RoomRouteContext) {
  const app = new Hono<AppEnv>();

  // --- Threads ------------------------------------------------------------------------------------
  app.get('/:id{[0-9]+}/threads', async (c) => {
    const { room } = await load(c);
    const q = c.req.query();
    const tag = (q.tag ?? '').trim().toLowerCase().slice(0, 40);
    const unanswered = q.unanswered === '1';
    const [list, tags, reports] = await Promise.all([
      listThreads(database, room, { tag, unanswered }, { after: parseCursor(q.after) }),
      roomTags(database, room.row.id),
      reportsOf(room),
    ]);
    const s: ThreadListState = {
      tag,
      unanswered,
      items: list.items,
      next: list.next ? cursorParam(list.next) : null,
      tags,
    };
    return render(c, {
      title: (v) => `${v.t('threads.title')} · ${room.row.name}`,
      body: (v) => <ThreadListPage v={v} room={room} s={s} reports={reports} />,
      fragment: (v) => (
        <>
          <ThreadResults v={v} room={room} s={s} />
          <LiveAnnouncement text={v.t('threads.count', { count: s.items.length })} />
        </>
      ),
    });
  });

  const emptyThread: ThreadInput = { title: '', body: '', tags: '', isQuestion: false };

  app.get('/:id{[0-9]+}/threads/new', async (c) => {
    const { room } = await load(c, 'post');
    const input = { ...emptyThread, isQuestion: c.req.query('question') === '1' };
    return render(c, {
      title: (v) => `${v.t('threads.new')} · ${room.row.name}`,
      body: (v) => <NewThreadPage v={v} room={room} input={input} errors={{}} />,
    });
  });

  app.post('/:id{[0-9]+}/threads', async (c) => {
    const { room, actor } = await load(c, 'post');
    const body = await c.req.parseBody();
    const input: ThreadInput = {
      title: str(body, 'title', 500),
      body: str(body, 'body', 30_000),
      tags: str(body, 'tags', 500),
      isQuestion: body.isQuestion !== undefined,
    };
    const result = await createThread(database, room, input, actor, ip(c));
    if (!result.ok) {
      const errors = translate(c.get('t'), result.errors);
      return render(c, {
        title: (v) => `${v.t('threads.new')} · ${room.row.name}`,
        status: 422,
        body: (v) => <NewThreadPage v={v} room={room} input={input} errors={errors} />,
      });
    }
    return back(c, `/rooms/${room.row.id}/threads/${result.threadId}`, {
      kind: 'success',
      key: input.isQuestion ? 'threads.createdQuestion' : 'threads.created',
    });
  });

  async function threadView(
    c: Context<AppEnv>,
    room: LoadedRoom,
    user: CurrentUser,
    threadId: number | string,
    replyState?: ReplyFormState,
    status: 200 | 422 = 200,
  ) {
    const thread = await requireThread(database, room, threadId);
    const q = c.req.query();
    const window: PageWindow = replyState ? { last: true } : windowOf(q);
    const t = c.get('t');
    const quoted =
      !replyState && room.rights.post
        ? await quoteText(database, room, thread, q.quote, (name) => t('posts.quoteIntro', { name }))
        : null;
    const [page, following, reports] = await Promise.all([
      threadPage(database, room, thread, user.id, window),
      isFollowing(database, room.row.id, user.id, thread.id),
      reportsOf(room),
    ]);
    const reply: ReplyFormState = replyState ?? {
      body: quoted?.body ?? '',
      quotedPostId: quoted?.quotedPostId ?? '',
      errors: {},
    };
    const firstPage = window.after == null && window.before == null && !window.last;
    return render(c, {
      title: `${thread.title} · ${room.row.name}`,
      status,
      body: (v) => (
        <ThreadPageView
          v={v}
          d={{
            room,
            thread,
            page,
            viewerId: user.id,
            following,
            mayAccept: mayAccept(room, thread, user.id),
            reply,
            firstPage,
            lastPage: page.after === null,
            reports,
          }}
        />
      ),
    });
  }

  app.get('/:id{[0-9]+}/threads/:threadId{[0-9]+}', async (c) => {
    const { room, user } = await load(c);
    return threadView(c, room, user, c.req.param('threadId'));
  });

  app.post('/:id{[0-9]+}/threads/:threadId{[0-9]+}/posts', async (c) => {
    const { room, user, actor } = await load(c, 'post');
    const thread = await requireThread(database, room, c.req.param('threadId'));
    const body = await c.req.parseBody();
    const input = { body: str(body, 'body', 30_000), quotedPostId: str(body, 'quotedPostId', 20) };
    const result = await reply(database, room, thread, input, actor, ip(c));
    const fragment = wantsFragment(c);
    if (!result.ok) {
      const errors = translate(c.get('t'), result.errors);
      const state: ReplyFormState = { ...input, errors };
      if (!fragment) return threadView(c, room, user, thread.id, state, 422);
      return render(c, {
        title: thread.title,
        status: 422,
        body: () => null,
        fragment: (v) => (
          <>
            <ReplyForm v={v} room={room} thread={thread} state={state} enhance focus="reply-body" />
            <LiveAnnouncement text={errors.body ?? ''} />
          </>
        ),
      });
    }
    if (!fragment)
      return back(c, `/rooms/${room.row.id}/threads/${thread.id}?last=1#post-${result.postId}`, {
        kind: 'success',
        key: 'posts.replied',
      });
    const fresh = (await requireThread(database, room, thread.id))!;
    const post = (await postView(database, room, result.postId, user.id))!;
    return render(c, {
      title: thread.title,
      body: () => null,
      fragment: (v) => (
        <>
          <ReplyForm
            v={v}
            room={room}
            thread={fresh}
            state={{ body: '', quotedPostId: '', errors: {} }}
            enhance
            focus={`post-${result.postId}`}
          />
          <div id="replies" hx-swap-oob="beforeend">
            {postHtml(postContext(v, room, fresh, user.id, mayAccept(room, fresh, user.id)), post)}
          </div>
          <LiveAnnouncement text={v.t('posts.replied')} />
        </>
      ),
    });
  });

  for (const [suffix, on] of [
    ['acceptance', true],
    ['acceptance/deletion', false],
  ] as const) {
    app.post(`/:id{[0-9]+}/threads/:threadId{[0-9]+}/${suffix}`, async (c) => {
      const { room, user, actor } = await load(c);
      const thread = await requireThread(database, room, c.req.param('threadId'));
      if (!mayAccept(room, thread, user.id)) throw forbidden();
      const body = await c.req.parseBody();
      const result = await setAccepted(
        database,
        room,
        thread,
        on ? (toId(str(body, 'postId', 20)) ?? -1) : null,
        actor,
        ip(c),
      );
      if (!result.ok)
        return back(c, `/rooms/${room.row.id}/threads/${thread.id}`, { kind: 'error', key: result.error });
      return back(c, `/rooms/${room.row.id}/threads/${thread.id}${on ? '#accepted-title' : ''}`, {
        kind: 'success',
        key: on ? 'threads.accepted' : 'threads.unaccepted',
      });
    });
  }

  for (const [suffix, on] of [
    ['follow', true],
    ['follow/deletion', false],
  ] as const) {
    app.post(`/:id{[0-9]+}/threads/:threadId{[0-9]+}/${suffix}`, async (c) => {
      const { room, user } = await load(c);
      const thread = await requireThread(database, room, c.req.param('threadId'));
      if (on) {
        if (room.row.archived_at) throw forbidden();
        await follow(database, room.row.id, user.id, thread.id);
      } else await unfollow(database, room.row.id, user.id, thread.id);
      return back(c, `/rooms/${room.row.id}/threads/${thread.id}`, {
        kind: 'success',
        key: on ? 'threads.followed' : 'threads.unfollowed',
      });
    });
  }

  // --- Posts --------------------------------------------------------------------------------------
  /** A post's address: redirects to the page of its thread that shows it. */
  app.get('/:id{[0-9]+}/posts/:postId{[0-9]+}', async (c) => {
    const { room } = await load(c);
    const { post } = await requirePost(database, room, c.req.param('postId'), { allowHidden: true });
    return c.redirect(`${await locate(database, post)}#post-${post.id}`, 303);
  });

  async function editable(c: Context<AppEnv>) {
    const { room, user, actor } = await load(c, 'post');
    const { post, thread } = await requirePost(database, room, c.req.param('postId')!);
    if (post.author_id !== user.id || post.hidden) throw forbidden();
    if (thread.locked) throw forbidden();
    return { room, user, actor, post, thread };
  }

  app.get('/:id{[0-9]+}/posts/:postId{[0-9]+}/edit', async (c) => {
    const { room, post, thread } = await editable(c);
    const input: EditInput = {
      body: post.body_md,
      title: post.title,
      tags: thread.tags,
      isQuestion: !!thread.is_question,
    };
    return render(c, {
      title: (v) => `${v.t('posts.edit.title')} · ${thread.title}`,
      body: (v) => <EditPostPage v={v} room={room} thread={thread} post={post} input={input} errors={{}} />,
    });
  });

  app.post('/:id{[0-9]+}/posts/:postId{[0-9]+}', async (c) => {
    const { room, actor, post, thread } = await editable(c);
    const body = await c.req.parseBody();
    const input: EditInput = {
      body: str(body, 'body', 30_000),
      title: str(body, 'title', 500),
      tags: str(body, 'tags', 500),
      isQuestion: body.isQuestion !== undefined,
    };
    const result = await editPost(database, room, thread, post, input, actor, ip(c));
    if (!result.ok) {
      const errors = translate(c.get('t'), result.errors);
      return render(c, {
        title: (v) => `${v.t('posts.edit.title')} · ${thread.title}`,
        status: 422,
        body: (v) => <EditPostPage v={v} room={room} thread={thread} post={post} input={input} errors={errors} />,
      });
    }
    return back(c, `/rooms/${room.row.id}/posts/${post.id}`, {
      kind: 'success',
      key: result.changed ? 'posts.saved' : 'posts.noChanges',
    });
  });

  app.get('/:id{[0-9]+}/posts/:postId{[0-9]+}/history', async (c) => {
    const { room } = await load(c);
    const { post, thread } = await requirePost(database, room, c.req.param('postId'));
    const revisions = await postHistory(database, post);
    return render(c, {
      title: (v) => `${v.t('posts.history.title')} · ${thread.title}`,
      body: (v) => <HistoryPage v={v} room={room} thread={thread} post={post} revisions={revisions} />,
    });
  });

  /** Toggles a reaction: a plain form post (redirect back), or with htmx just the post's reactions. */
  app.post('/:id{[0-9]+}/posts/:postId{[0-9]+}/reactions', async (c) => {
    const { room, user, actor } = await load(c, 'post');
    const { post, thread } = await requirePost(database, room, c.req.param('postId'));
    if (post.hidden) throw notFound();
    const kind = str(await c.req.parseBody(), 'kind', 20);
    const result = await toggleReaction(database, room, post, kind, actor, ip(c));
    if (!wantsFragment(c)) {
      if (!result.ok) setFlash(c, { kind: 'error', key: result.error });
      return c.redirect(`${await locate(database, post)}#post-${post.id}`, 303);
    }
    const view = (await postView(database, room, post.id, user.id))!;
    return render(c, {
      title: thread.title,
      status: result.ok ? 200 : 422,
      body: () => null,
      fragment: (v) => {
        let text = v.t('posts.error.reaction');
        if (result.ok) {
          const count = view.reactions.find((r) => r.kind === result.kind)?.count ?? 0;
          text = v.t(result.added ? 'posts.reaction.added' : 'posts.reaction.removed', {
            label: v.t(`posts.reaction.${result.kind}`),
            count,
          });
        }
        return (
          <>
            {reactionsHtml(postContext(v, room, thread, user.id, false), view)}
            <LiveAnnouncement text={text} />
          </>
        );
      },
    });
  });

  return app;
}
