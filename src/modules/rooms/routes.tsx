import { Hono, type Context } from 'hono';
import { FilePage, FilesPage } from '../../../views/rooms/Files.tsx';
import { MembersPage, type MembersData } from '../../../views/rooms/Members.tsx';
import { EditPostPage, HistoryPage, ReportPage, ReportsPage } from '../../../views/rooms/Posts.tsx';
import { RoomFormPage } from '../../../views/rooms/RoomForm.tsx';
import { InvitationPage, RoomDoorPage, RoomFrontPage } from '../../../views/rooms/RoomPage.tsx';
import { ArchivedRoomsPage, MyRoomsPage, RoomsPage } from '../../../views/rooms/RoomsIndex.tsx';
import { AllRoomsSearchPage, RoomSearchPage, type SearchState } from '../../../views/rooms/Search.tsx';
import { postContext, postHtml, reactionsHtml, ReplyForm, ThreadPageView, type ReplyFormState } from '../../../views/rooms/Thread.tsx';
import { NewThreadPage, ThreadListPage, ThreadResults, type ThreadListState } from '../../../views/rooms/Threads.tsx';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import { formatBytes } from '../../../views/documents/Documents.tsx';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound, renderError } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str, translateErrors as translate } from '../../http/forms.ts';
import { render, wantsFragment } from '../../http/render.tsx';
import { acceptsUpload } from '../../http/uploads.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import { sendBlob } from '../../http/send-blob.ts';
import { DEFAULT_LIMITS, type Limits, type UploadFile, type UploadProblem } from '../documents/service.ts';
import { loadRoom, requirePost, requireRoom, requireThread, toId, type LoadedRoom, type RoomNeed } from './access.ts';
import { addRoomFileVersion, deleteRoomFile, getFile, getFileVersion, listFiles, listFileVersions, mayDeleteFile, sendToCase, uploadRoomFiles } from './files.ts';
import { fileQuotas, roomUsage, type QuotaExceeded } from '../../files/quotas.ts';
import {
  closeInvitation,
  decideRequest,
  follow,
  invite,
  isFollowing,
  joinRoom,
  leaveRoom,
  myInvitations,
  pendingRequestCount,
  pendingRequests,
  removeMember,
  requestAccess,
  roomInvitations,
  setLevel,
  setRole,
  unfollow,
} from './membership.ts';
import { openReportCount, openReports, reportPost, resolveReport, setPostHidden, setThreadFlag } from './moderation.ts';
import { editPost, locate, postHistory, postView, quoteText, reply, threadPage, type EditInput, type PageWindow } from './posts.ts';
import { toggleReaction } from './reactions.ts';
import {
  archivedRooms,
  createRoom,
  cursorParam,
  latestActivity,
  listMembers,
  myRooms,
  openRooms,
  parseCursor,
  setArchived,
  updateRoom,
  type RoomInput,
} from './rooms.ts';
import { searchPosts, searchRoomNames } from './search.ts';
import { createThread, listThreads, mayAccept, pinnedThreads, roomTags, setAccepted, unansweredCount, type ThreadInput } from './threads.ts';

/**
 * Collaboration rooms, mounted at /rooms. Every route inside a room loads it through
 * requireRoom (access.ts): a closed room, and everything in it, answers 404 to outsiders exactly
 * like a room that does not exist; a member lacking a right gets 403. Actions are small creates
 * and deletes on nouns (membership, invitations, requests, follow, reactions, reports, hidden,
 * lock, pin, acceptance), each a plain form post (POST-redirect-GET with a flash); htmx only
 * enhances replying and reactions.
 */

export interface RoomLimits extends Limits {
  /** The largest upload request (several files). */
  maxRequestBytes: number;
}

const DEFAULT_ROOM_LIMITS: RoomLimits = { ...DEFAULT_LIMITS, maxRequestBytes: 200 * 1024 * 1024 };

async function readFiles(body: Record<string, unknown>, field: string): Promise<UploadFile[]> {
  const raw = body[field];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const files: UploadFile[] = [];
  for (const f of list) {
    if (f instanceof File && (f.size > 0 || f.name)) files.push({ name: f.name || 'fil', type: f.type, bytes: Buffer.from(await f.arrayBuffer()) });
  }
  return files;
}

function quotaText(c: Context<AppEnv>, q: QuotaExceeded): string {
  const bytes = (n: number) => formatBytes(n, c.get('locale'));
  return c.get('t')('roomfiles.error.quota', { used: bytes(q.used), quota: bytes(q.quota), adding: bytes(q.adding) });
}

function problemsText(c: Context<AppEnv>, problems: UploadProblem[], limits: Limits): string {
  const t = c.get('t');
  const size = formatBytes(limits.maxFileBytes, c.get('locale'));
  return problems.map((p) => t(p.key, { file: p.file ?? '', size })).join(' · ');
}

/** A keyset window on a thread: `after`/`before` reply ids, or `last` for the newest replies. */
function windowOf(q: Record<string, string>): PageWindow {
  const n = (s: string | undefined) => toId(s);
  if (q.last === '1') return { last: true };
  const before = n(q.before);
  if (before !== null) return { before };
  return { after: n(q.after) };
}

export function roomRoutes(database: Database, blobs: BlobStore, opts: { limits?: RoomLimits } = {}) {
  const app = new Hono<AppEnv>();
  const limits = opts.limits ?? DEFAULT_ROOM_LIMITS;
  const maxSize = (c: Context<AppEnv>) => formatBytes(limits.maxFileBytes, c.get('locale'));

  const uploadLimit = acceptsUpload(limits.maxRequestBytes, (c) => renderError(c as Context<AppEnv>, 413, (c as Context<AppEnv>).get('t')('roomfiles.error.requestTooLarge', { size: formatBytes(limits.maxRequestBytes, (c as Context<AppEnv>).get('locale')) })));

  function viewer(c: Context<AppEnv>): CurrentUser {
    const user = c.get('user');
    if (!user) throw notFound();
    if (!can(user, 'rooms.view')) throw forbidden();
    return user;
  }

  async function load(c: Context<AppEnv>, need: RoomNeed = 'read') {
    const user = viewer(c);
    const room = await requireRoom(database, actorOf(user), c.req.param('id')!, need);
    return { user, actor: actorOf(user), room };
  }

  const ip = (c: Context<AppEnv>) => ({ ip: c.get('clientIp')() });
  const reportsOf = (room: LoadedRoom) => (room.rights.own ? openReportCount(database, room.row.id) : Promise.resolve(0));
  const back = (c: Context<AppEnv>, path: string, flash?: { kind: 'success' | 'info' | 'error'; key: MessageKey; params?: Record<string, string | number> }) => {
    if (flash) setFlash(c, flash);
    return c.redirect(path, 303);
  };

  // --- The rooms ---------------------------------------------------------------------------------
  app.get('/', async (c) => {
    const user = viewer(c);
    if (c.req.query('view') === 'archived') {
      const items = await archivedRooms(database, user);
      return render(c, { title: (v) => v.t('rooms.archived.title'), body: (v) => <ArchivedRoomsPage v={v} items={items} /> });
    }
    const after = parseCursor(c.req.query('after'));
    if (c.req.query('view') === 'mine') {
      const mine = await myRooms(database, user, { after, limit: 50 });
      const next = mine.next ? cursorParam(mine.next) : null;
      return render(c, { title: (v) => v.t('rooms.mine.title'), body: (v) => <MyRoomsPage v={v} items={mine.items} next={next} /> });
    }
    const [mine, open, invitations] = await Promise.all([myRooms(database, user), openRooms(database, user, { after }), myInvitations(database, user.id)]);
    const next = open.next ? cursorParam(open.next) : null;
    return render(c, {
      title: (v) => v.t('rooms.title'),
      body: (v) => <RoomsPage v={v} mine={mine.items} moreMine={mine.next !== null} open={open.items} next={next} invitations={invitations} />,
    });
  });

  app.get('/search', async (c) => {
    const user = viewer(c);
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const [result, rooms] = q ? await Promise.all([searchPosts(database, user, q), searchRoomNames(database, user, q)]) : [{ hits: [], more: false }, []];
    const s: SearchState = { q, searched: !!q, ...result };
    return render(c, {
      title: (v) => (q ? `${v.t('rooms.search.all')}: ${q}` : v.t('rooms.search.all')),
      body: (v) => <AllRoomsSearchPage v={v} s={s} rooms={rooms} />,
    });
  });

  const emptyRoom: RoomInput = { name: '', purpose: '', visibility: 'open' };
  const readRoomForm = async (c: Context<AppEnv>): Promise<RoomInput> => {
    const body = await c.req.parseBody();
    return { name: str(body, 'name', 500), purpose: str(body, 'purpose', 5000), visibility: str(body, 'visibility', 20) };
  };

  app.get('/new', (c) => {
    viewer(c);
    return render(c, { title: (v) => v.t('rooms.new'), body: (v) => <RoomFormPage v={v} input={emptyRoom} errors={{}} /> });
  });

  app.post('/', async (c) => {
    const user = viewer(c);
    const input = await readRoomForm(c);
    const result = await createRoom(database, input, actorOf(user), ip(c));
    if (!result.ok) {
      const errors = translate(c.get('t'), result.errors);
      return render(c, { title: (v) => v.t('rooms.new'), status: 422, body: (v) => <RoomFormPage v={v} input={input} errors={errors} /> });
    }
    return back(c, `/rooms/${result.id}`, { kind: 'success', key: 'rooms.created', params: { name: input.name.trim() } });
  });

  // --- One room ---------------------------------------------------------------------------------
  app.get('/:id{[0-9]+}', async (c) => {
    const user = viewer(c);
    const room = await loadRoom(database, actorOf(user), c.req.param('id'));
    if (!room || !room.rights.read) {
      if (room?.invitationId) return render(c, { title: room.row.name, body: (v) => <InvitationPage v={v} room={room} /> });
      // The same page for a room that does not exist and one the user may not see.
      const id = Number(c.req.param('id'));
      return render(c, { title: (v) => v.t('rooms.door.title'), status: 404, body: (v) => <RoomDoorPage v={v} id={id} /> });
    }
    const [activity, pinned, members, files, following, unanswered, requests, reports] = await Promise.all([
      latestActivity(database, user, { roomId: room.row.id, limit: 10 }),
      pinnedThreads(database, room),
      listMembers(database, room.row.id, 12),
      listFiles(database, room, actorOf(user), 5),
      isFollowing(database, room.row.id, user.id, null),
      unansweredCount(database, room.row.id),
      room.rights.own ? pendingRequestCount(database, room.row.id) : Promise.resolve(0),
      reportsOf(room),
    ]);
    return render(c, {
      title: room.row.name,
      body: (v) => <RoomFrontPage v={v} d={{ room, activity, pinned, members, files, following, unanswered, requests, reports }} />,
    });
  });

  app.get('/:id{[0-9]+}/edit', async (c) => {
    const { room } = await load(c, 'own');
    const input: RoomInput = { name: room.row.name, purpose: room.row.purpose, visibility: room.row.visibility };
    return render(c, { title: (v) => `${v.t('rooms.edit')}: ${room.row.name}`, body: (v) => <RoomFormPage v={v} input={input} errors={{}} room={room} /> });
  });

  app.post('/:id{[0-9]+}', async (c) => {
    const { room, actor } = await load(c, 'own');
    if (room.row.archived_at) throw forbidden();
    const input = await readRoomForm(c);
    const result = await updateRoom(database, room, input, actor, ip(c));
    if (!result.ok) {
      const errors = translate(c.get('t'), result.errors);
      return render(c, { title: (v) => `${v.t('rooms.edit')}: ${room.row.name}`, status: 422, body: (v) => <RoomFormPage v={v} input={input} errors={errors} room={room} /> });
    }
    return back(c, `/rooms/${room.row.id}`, { kind: 'success', key: result.changed.length ? 'rooms.saved' : 'rooms.noChanges' });
  });

  app.post('/:id{[0-9]+}/archive', async (c) => {
    const { room, actor } = await load(c, 'own');
    await setArchived(database, room, true, actor, ip(c));
    return back(c, `/rooms/${room.row.id}`, { kind: 'success', key: 'rooms.archivedMsg' });
  });

  app.post('/:id{[0-9]+}/archive/deletion', async (c) => {
    const { room, actor } = await load(c, 'own');
    await setArchived(database, room, false, actor, ip(c));
    return back(c, `/rooms/${room.row.id}`, { kind: 'success', key: 'rooms.restoredMsg' });
  });

  // --- Membership ---------------------------------------------------------------------------------
  app.post('/:id{[0-9]+}/membership', async (c) => {
    const { room, actor } = await load(c, 'door');
    const result = await joinRoom(database, room, actor, ip(c));
    if (!result.ok) {
      if (result.error === 'rooms.error.cannotJoin') throw forbidden();
      return back(c, `/rooms/${room.row.id}`, { kind: 'error', key: result.error });
    }
    return back(c, `/rooms/${room.row.id}`, { kind: 'success', key: 'rooms.joined', params: { name: room.row.name } });
  });

  app.post('/:id{[0-9]+}/membership/deletion', async (c) => {
    const { room, actor } = await load(c);
    const result = await leaveRoom(database, room, actor, ip(c));
    if (!result.ok) return back(c, `/rooms/${room.row.id}`, { kind: 'error', key: result.error });
    // Out of a closed room, its page is no longer there for them.
    return back(c, room.row.visibility === 'closed' ? '/rooms' : `/rooms/${room.row.id}`, { kind: 'success', key: 'rooms.left', params: { name: room.row.name } });
  });

  app.post('/:id{[0-9]+}/level', async (c) => {
    const { room, user } = await load(c);
    const body = await c.req.parseBody();
    const result = await setLevel(database, room, str(body, 'level', 20), user);
    if (!result.ok) return back(c, `/rooms/${room.row.id}`, { kind: 'error', key: result.error });
    return back(c, `/rooms/${room.row.id}`, { kind: 'success', key: 'rooms.level.saved' });
  });

  app.post('/:id{[0-9]+}/follow', async (c) => {
    const { room, user } = await load(c);
    if (room.row.archived_at) throw forbidden();
    await follow(database, room.row.id, user.id, null);
    return back(c, `/rooms/${room.row.id}`, { kind: 'success', key: 'rooms.followed' });
  });

  app.post('/:id{[0-9]+}/follow/deletion', async (c) => {
    const { room, user } = await load(c);
    await unfollow(database, room.row.id, user.id, null);
    return back(c, `/rooms/${room.row.id}`, { kind: 'success', key: 'rooms.unfollowed' });
  });

  async function membersPage(c: Context<AppEnv>, room: LoadedRoom, user: CurrentUser, invite: MembersData['invite'] = { username: '', errors: {} }, status: 200 | 422 = 200) {
    const [members, invitations, requests, reports] = await Promise.all([
      listMembers(database, room.row.id),
      room.rights.own ? roomInvitations(database, room.row.id) : Promise.resolve([]),
      room.rights.own ? pendingRequests(database, room.row.id) : Promise.resolve([]),
      reportsOf(room),
    ]);
    return render(c, {
      title: (v) => `${v.t('rooms.members.title')} · ${room.row.name}`,
      status,
      body: (v) => <MembersPage v={v} d={{ room, members, invitations, requests, invite, viewerId: user.id, reports }} />,
    });
  }

  app.get('/:id{[0-9]+}/members', async (c) => {
    const { room, user } = await load(c);
    return membersPage(c, room, user);
  });

  app.post('/:id{[0-9]+}/invitations', async (c) => {
    const { room, user, actor } = await load(c, 'invite');
    const username = str(await c.req.parseBody(), 'username', 100);
    const result = await invite(database, room, username, actor, ip(c));
    if (!result.ok) return membersPage(c, room, user, { username, errors: { username: c.get('t')(result.error) } }, 422);
    return back(c, `/rooms/${room.row.id}/members`, { kind: 'success', key: 'rooms.invited', params: { name: result.name } });
  });

  app.post('/:id{[0-9]+}/invitations/:iid{[0-9]+}/deletion', async (c) => {
    const { room, actor } = await load(c, 'door');
    const invitee = !room.rights.read;
    const result = await closeInvitation(database, room, toId(c.req.param('iid')) ?? 0, actor, ip(c));
    if (!result.ok) {
      if (invitee) throw notFound();
      return back(c, `/rooms/${room.row.id}/members`, { kind: 'error', key: result.error });
    }
    if (invitee || !room.rights.own) return back(c, '/rooms', { kind: 'success', key: 'rooms.invitation.declined' });
    return back(c, `/rooms/${room.row.id}/members`, { kind: 'success', key: 'rooms.invitation.withdrawn' });
  });

  /**
   * Asking for access: the same answer whether or not the room exists and whatever the outcome,
   * so that this route reveals nothing about closed rooms (see membership.ts requestAccess).
   */
  app.post('/:id{[0-9]+}/requests', async (c) => {
    const user = viewer(c);
    const body = await c.req.parseBody();
    await requestAccess(database, { id: user.id, name: user.displayName }, c.req.param('id'), str(body, 'message', 2000), ip(c));
    return back(c, '/rooms', { kind: 'info', key: 'rooms.request.sent' });
  });

  for (const [suffix, approve] of [['approval', true], ['deletion', false]] as const) {
    app.post(`/:id{[0-9]+}/requests/:rid{[0-9]+}/${suffix}`, async (c) => {
      const { room, actor } = await load(c, 'own');
      const result = await decideRequest(database, room, toId(c.req.param('rid')) ?? 0, approve, actor, ip(c));
      if (!result.ok) return back(c, `/rooms/${room.row.id}/members#requests`, { kind: 'error', key: result.error });
      return back(c, `/rooms/${room.row.id}/members#requests`, { kind: 'success', key: approve ? 'rooms.request.approved' : 'rooms.request.rejected', params: { name: result.name } });
    });
  }

  for (const [suffix, role] of [['ownership', 'owner'], ['ownership/deletion', 'member']] as const) {
    app.post(`/:id{[0-9]+}/members/:uid/${suffix}`, async (c) => {
      const { room, actor } = await load(c, 'own');
      const result = await setRole(database, room, c.req.param('uid'), role, actor, ip(c));
      if (!result.ok) return back(c, `/rooms/${room.row.id}/members`, { kind: 'error', key: result.error });
      return back(c, `/rooms/${room.row.id}/members`, { kind: 'success', key: role === 'owner' ? 'rooms.members.madeOwner' : 'rooms.members.madeMember', params: { name: result.name } });
    });
  }

  app.post('/:id{[0-9]+}/members/:uid/deletion', async (c) => {
    const { room, actor } = await load(c, 'own');
    const result = await removeMember(database, room, c.req.param('uid'), actor, ip(c));
    if (!result.ok) return back(c, `/rooms/${room.row.id}/members`, { kind: 'error', key: result.error });
    return back(c, `/rooms/${room.row.id}/members`, { kind: 'success', key: 'rooms.members.removed', params: { name: result.name } });
  });

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
    const s: ThreadListState = { tag, unanswered, items: list.items, next: list.next ? cursorParam(list.next) : null, tags };
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
    return render(c, { title: (v) => `${v.t('threads.new')} · ${room.row.name}`, body: (v) => <NewThreadPage v={v} room={room} input={input} errors={{}} /> });
  });

  app.post('/:id{[0-9]+}/threads', async (c) => {
    const { room, actor } = await load(c, 'post');
    const body = await c.req.parseBody();
    const input: ThreadInput = { title: str(body, 'title', 500), body: str(body, 'body', 30_000), tags: str(body, 'tags', 500), isQuestion: body.isQuestion !== undefined };
    const result = await createThread(database, room, input, actor, ip(c));
    if (!result.ok) {
      const errors = translate(c.get('t'), result.errors);
      return render(c, { title: (v) => `${v.t('threads.new')} · ${room.row.name}`, status: 422, body: (v) => <NewThreadPage v={v} room={room} input={input} errors={errors} /> });
    }
    return back(c, `/rooms/${room.row.id}/threads/${result.threadId}`, { kind: 'success', key: input.isQuestion ? 'threads.createdQuestion' : 'threads.created' });
  });

  async function threadView(c: Context<AppEnv>, room: LoadedRoom, user: CurrentUser, threadId: number | string, replyState?: ReplyFormState, status: 200 | 422 = 200) {
    const thread = await requireThread(database, room, threadId);
    const q = c.req.query();
    const window: PageWindow = replyState ? { last: true } : windowOf(q);
    const t = c.get('t');
    const quoted = !replyState && room.rights.post ? await quoteText(database, room, thread, q.quote, (name) => t('posts.quoteIntro', { name })) : null;
    const [page, following, reports] = await Promise.all([threadPage(database, room, thread, user.id, window), isFollowing(database, room.row.id, user.id, thread.id), reportsOf(room)]);
    const reply: ReplyFormState = replyState ?? { body: quoted?.body ?? '', quotedPostId: quoted?.quotedPostId ?? '', errors: {} };
    const firstPage = window.after == null && window.before == null && !window.last;
    return render(c, {
      title: `${thread.title} · ${room.row.name}`,
      status,
      body: (v) => (
        <ThreadPageView
          v={v}
          d={{ room, thread, page, viewerId: user.id, following, mayAccept: mayAccept(room, thread, user.id), reply, firstPage, lastPage: page.after === null, reports }}
        />
      ),
    });
  }

  app.get('/:id{[0-9]+}/threads/:tid{[0-9]+}', async (c) => {
    const { room, user } = await load(c);
    return threadView(c, room, user, c.req.param('tid'));
  });

  app.post('/:id{[0-9]+}/threads/:tid{[0-9]+}/posts', async (c) => {
    const { room, user, actor } = await load(c, 'post');
    const thread = await requireThread(database, room, c.req.param('tid'));
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
    if (!fragment) return back(c, `/rooms/${room.row.id}/threads/${thread.id}?last=1#post-${result.postId}`, { kind: 'success', key: 'posts.replied' });
    const fresh = (await requireThread(database, room, thread.id))!;
    const post = (await postView(database, room, result.postId, user.id))!;
    return render(c, {
      title: thread.title,
      body: () => null,
      fragment: (v) => (
        <>
          <ReplyForm v={v} room={room} thread={fresh} state={{ body: '', quotedPostId: '', errors: {} }} enhance focus={`post-${result.postId}`} />
          <div id="replies" hx-swap-oob="beforeend">
            {postHtml(postContext(v, room, fresh, user.id, mayAccept(room, fresh, user.id)), post)}
          </div>
          <LiveAnnouncement text={v.t('posts.replied')} />
        </>
      ),
    });
  });

  for (const [suffix, on] of [['acceptance', true], ['acceptance/deletion', false]] as const) {
    app.post(`/:id{[0-9]+}/threads/:tid{[0-9]+}/${suffix}`, async (c) => {
      const { room, user, actor } = await load(c);
      const thread = await requireThread(database, room, c.req.param('tid'));
      if (!mayAccept(room, thread, user.id)) throw forbidden();
      const body = await c.req.parseBody();
      const result = await setAccepted(database, room, thread, on ? (toId(str(body, 'postId', 20)) ?? -1) : null, actor, ip(c));
      if (!result.ok) return back(c, `/rooms/${room.row.id}/threads/${thread.id}`, { kind: 'error', key: result.error });
      return back(c, `/rooms/${room.row.id}/threads/${thread.id}${on ? '#accepted-title' : ''}`, { kind: 'success', key: on ? 'threads.accepted' : 'threads.unaccepted' });
    });
  }

  for (const [suffix, on] of [['follow', true], ['follow/deletion', false]] as const) {
    app.post(`/:id{[0-9]+}/threads/:tid{[0-9]+}/${suffix}`, async (c) => {
      const { room, user } = await load(c);
      const thread = await requireThread(database, room, c.req.param('tid'));
      if (on) {
        if (room.row.archived_at) throw forbidden();
        await follow(database, room.row.id, user.id, thread.id);
      } else await unfollow(database, room.row.id, user.id, thread.id);
      return back(c, `/rooms/${room.row.id}/threads/${thread.id}`, { kind: 'success', key: on ? 'threads.followed' : 'threads.unfollowed' });
    });
  }

  for (const flag of ['locked', 'pinned', 'hidden'] as const) {
    const path = flag === 'locked' ? 'lock' : flag === 'pinned' ? 'pin' : 'hidden';
    for (const on of [true, false]) {
      app.post(`/:id{[0-9]+}/threads/:tid{[0-9]+}/${path}${on ? '' : '/deletion'}`, async (c) => {
        const { room, actor } = await load(c, 'own');
        const thread = await requireThread(database, room, c.req.param('tid'));
        const result = await setThreadFlag(database, room, thread, flag, on, actor, ip(c));
        if (!result.ok) throw forbidden();
        return back(c, `/rooms/${room.row.id}/threads/${thread.id}`, { kind: 'success', key: `threads.${flag}.${on ? 'on' : 'off'}` as MessageKey });
      });
    }
  }

  // --- Posts --------------------------------------------------------------------------------------
  /** A post's address: redirects to the page of its thread that shows it. */
  app.get('/:id{[0-9]+}/posts/:pid{[0-9]+}', async (c) => {
    const { room } = await load(c);
    const { post } = await requirePost(database, room, c.req.param('pid'), { allowHidden: true });
    return c.redirect(`${await locate(database, post)}#post-${post.id}`, 303);
  });

  async function editable(c: Context<AppEnv>) {
    const { room, user, actor } = await load(c, 'post');
    const { post, thread } = await requirePost(database, room, c.req.param('pid')!);
    if (post.author_id !== user.id || post.hidden) throw forbidden();
    if (thread.locked) throw forbidden();
    return { room, user, actor, post, thread };
  }

  app.get('/:id{[0-9]+}/posts/:pid{[0-9]+}/edit', async (c) => {
    const { room, post, thread } = await editable(c);
    const input: EditInput = { body: post.body_md, title: post.title, tags: thread.tags, isQuestion: !!thread.is_question };
    return render(c, { title: (v) => `${v.t('posts.edit.title')} · ${thread.title}`, body: (v) => <EditPostPage v={v} room={room} thread={thread} post={post} input={input} errors={{}} /> });
  });

  app.post('/:id{[0-9]+}/posts/:pid{[0-9]+}/edit', async (c) => {
    const { room, actor, post, thread } = await editable(c);
    const body = await c.req.parseBody();
    const input: EditInput = { body: str(body, 'body', 30_000), title: str(body, 'title', 500), tags: str(body, 'tags', 500), isQuestion: body.isQuestion !== undefined };
    const result = await editPost(database, room, thread, post, input, actor, ip(c));
    if (!result.ok) {
      const errors = translate(c.get('t'), result.errors);
      return render(c, { title: (v) => `${v.t('posts.edit.title')} · ${thread.title}`, status: 422, body: (v) => <EditPostPage v={v} room={room} thread={thread} post={post} input={input} errors={errors} /> });
    }
    return back(c, `/rooms/${room.row.id}/posts/${post.id}`, { kind: 'success', key: result.changed ? 'posts.saved' : 'posts.noChanges' });
  });

  app.get('/:id{[0-9]+}/posts/:pid{[0-9]+}/history', async (c) => {
    const { room } = await load(c);
    const { post, thread } = await requirePost(database, room, c.req.param('pid'));
    const revisions = await postHistory(database, post);
    return render(c, { title: (v) => `${v.t('posts.history.title')} · ${thread.title}`, body: (v) => <HistoryPage v={v} room={room} thread={thread} post={post} revisions={revisions} /> });
  });

  /** Toggles a reaction: a plain form post (redirect back), or with htmx just the post's reactions. */
  app.post('/:id{[0-9]+}/posts/:pid{[0-9]+}/reactions', async (c) => {
    const { room, user, actor } = await load(c, 'post');
    const { post, thread } = await requirePost(database, room, c.req.param('pid'));
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
          text = v.t(result.added ? 'posts.reaction.added' : 'posts.reaction.removed', { label: v.t(`posts.reaction.${result.kind}`), count });
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

  app.get('/:id{[0-9]+}/posts/:pid{[0-9]+}/reports/new', async (c) => {
    const { room } = await load(c);
    const { post, thread } = await requirePost(database, room, c.req.param('pid'));
    return render(c, { title: (v) => v.t('posts.report.title'), body: (v) => <ReportPage v={v} room={room} thread={thread} post={post} reason="" errors={{}} /> });
  });

  app.post('/:id{[0-9]+}/posts/:pid{[0-9]+}/reports', async (c) => {
    const { room, actor } = await load(c);
    const { post, thread } = await requirePost(database, room, c.req.param('pid'));
    const reason = str(await c.req.parseBody(), 'reason', 2000);
    const result = await reportPost(database, room, post, reason, actor, ip(c));
    if (!result.ok) {
      const errors = { reason: c.get('t')(result.error) };
      return render(c, { title: (v) => v.t('posts.report.title'), status: 422, body: (v) => <ReportPage v={v} room={room} thread={thread} post={post} reason={reason} errors={errors} /> });
    }
    return back(c, `/rooms/${room.row.id}/posts/${post.id}`, { kind: 'success', key: 'posts.reported' });
  });

  for (const on of [true, false]) {
    app.post(`/:id{[0-9]+}/posts/:pid{[0-9]+}/hidden${on ? '' : '/deletion'}`, async (c) => {
      const { room, actor } = await load(c, 'own');
      const { post } = await requirePost(database, room, c.req.param('pid'), { allowHidden: true });
      await setPostHidden(database, room, post, on, actor, ip(c));
      return back(c, `/rooms/${room.row.id}/posts/${post.id}`, { kind: 'success', key: on ? 'posts.hiddenMsg' : 'posts.shownMsg' });
    });
  }

  app.get('/:id{[0-9]+}/reports', async (c) => {
    const { room } = await load(c, 'own');
    const items = await openReports(database, room.row.id);
    return render(c, { title: (v) => `${v.t('posts.reports.title')} · ${room.row.name}`, body: (v) => <ReportsPage v={v} room={room} items={items} /> });
  });

  app.post('/:id{[0-9]+}/reports/:rid{[0-9]+}/resolution', async (c) => {
    const { room, actor } = await load(c, 'own');
    const result = await resolveReport(database, room, toId(c.req.param('rid')) ?? 0, actor, ip(c));
    return back(c, `/rooms/${room.row.id}/reports`, result.ok ? { kind: 'success', key: 'posts.reports.dismissed' } : { kind: 'error', key: result.error });
  });

  // --- Search in a room -----------------------------------------------------------------------------
  app.get('/:id{[0-9]+}/search', async (c) => {
    const { room, user } = await load(c);
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const [result, reports] = await Promise.all([q ? searchPosts(database, user, q, { room }) : Promise.resolve({ hits: [], more: false }), reportsOf(room)]);
    const s: SearchState = { q, searched: !!q, ...result };
    return render(c, {
      title: (v) => (q ? `${v.t('rooms.nav.search')}: ${q} · ${room.row.name}` : `${v.t('rooms.nav.search')} · ${room.row.name}`),
      body: (v) => <RoomSearchPage v={v} room={room} s={s} reports={reports} />,
    });
  });

  // --- Files --------------------------------------------------------------------------------------
  async function filesPage(c: Context<AppEnv>, room: LoadedRoom, user: CurrentUser, errors: FieldErrors = {}, status: 200 | 413 | 422 = 200) {
    const [items, reports, used, quotas] = await Promise.all([listFiles(database, room, actorOf(user)), reportsOf(room), roomUsage(database, room.row.id), fileQuotas(database)]);
    return render(c, {
      title: (v) => `${v.t('roomfiles.title')} · ${room.row.name}`,
      status,
      body: (v) => <FilesPage v={v} room={room} items={items} errors={errors} maxSize={maxSize(c)} reports={reports} usage={{ used, quota: quotas.roomBytes }} />,
    });
  }

  app.get('/:id{[0-9]+}/files', async (c) => {
    const { room, user } = await load(c);
    return filesPage(c, room, user);
  });

  app.post('/:id{[0-9]+}/files', uploadLimit, async (c) => {
    const { room, user, actor } = await load(c, 'post');
    const files = await readFiles(await c.req.parseBody({ all: true }), 'files');
    const result = await uploadRoomFiles(database, blobs, room, files, actor, { limits, ...ip(c) });
    if (!result.ok) return filesPage(c, room, user, { files: 'quota' in result ? quotaText(c, result.quota) : problemsText(c, result.problems, limits) }, 422);
    return back(
      c,
      `/rooms/${room.row.id}/files`,
      result.ids.length === 1 ? { kind: 'success', key: 'roomfiles.uploadedOne' } : { kind: 'success', key: 'roomfiles.uploaded', params: { count: result.ids.length } },
    );
  });

  async function filePage(c: Context<AppEnv>, room: LoadedRoom, user: CurrentUser, fileId: string, state: { errors?: FieldErrors; caseNumber?: string; note?: string } = {}, status: 200 | 422 = 200) {
    const file = await getFile(database, room, fileId);
    if (!file) throw notFound();
    const [versions, reports] = await Promise.all([listFileVersions(database, file.id, actorOf(user)), reportsOf(room)]);
    return render(c, {
      title: `${file.title} · ${room.row.name}`,
      status,
      body: (v) => (
        <FilePage
          v={v}
          d={{
            room,
            file,
            versions,
            errors: state.errors ?? {},
            caseNumber: state.caseNumber ?? '',
            note: state.note ?? '',
            maxSize: maxSize(c),
            canSend: can(user, 'case.edit'),
            canDelete: mayDeleteFile(room, file, user),
            reports,
          }}
        />
      ),
    });
  }

  app.get('/:id{[0-9]+}/files/:fid{[0-9]+}', async (c) => {
    const { room, user } = await load(c);
    return filePage(c, room, user, c.req.param('fid'));
  });

  app.post('/:id{[0-9]+}/files/:fid{[0-9]+}/versions', uploadLimit, async (c) => {
    const { room, user, actor } = await load(c, 'post');
    const file = await getFile(database, room, c.req.param('fid'));
    if (!file) throw notFound();
    const body = await c.req.parseBody({ all: true });
    const [upload] = await readFiles(body, 'file');
    const note = str(body, 'note', 1000);
    if (!upload) return filePage(c, room, user, String(file.id), { errors: { 'version-file': c.get('t')('documents.error.noFiles') }, note }, 422);
    const result = await addRoomFileVersion(database, blobs, room, file, upload, note, actor, { limits, ...ip(c) });
    if (!result.ok) {
      const message = 'quota' in result ? quotaText(c, result.quota) : problemsText(c, result.problems, limits);
      return filePage(c, room, user, String(file.id), { errors: { 'version-file': message }, note }, 422);
    }
    return back(c, `/rooms/${room.row.id}/files/${file.id}`, { kind: 'success', key: 'roomfiles.versionAdded', params: { version: result.version } });
  });

  /**
   * Downloads, with the documents module's safe headers: the type decided at upload, nosniff, an
   * RFC 6266 file name, attachment unless a PDF or an image is asked for inline, and a
   * sandboxing CSP.
   */
  app.get('/:id{[0-9]+}/files/:fid{[0-9]+}/versions/:v{[0-9]+}', async (c) => {
    const { room } = await load(c);
    const file = await getFile(database, room, c.req.param('fid'));
    if (!file) throw notFound();
    const version = await getFileVersion(database, file.id, toId(c.req.param('v')) ?? 0);
    if (!version || !blobs.exists(version.blob_sha256)) throw notFound();
    return sendBlob(c, { blobs, sha256: version.blob_sha256 }, { mime: version.mime, filename: version.filename, inline: c.req.query('inline') === '1', cacheControl: 'private, no-cache' });
  });

  // Deleting a file is a plain form post on the file's deletion (POST-redirect-GET).
  app.post('/:id{[0-9]+}/files/:fid{[0-9]+}/deletion', async (c) => {
    const { room, actor } = await load(c);
    const file = await getFile(database, room, c.req.param('fid'));
    if (!file) throw notFound();
    if (!mayDeleteFile(room, file, actor)) throw forbidden();
    await deleteRoomFile(database, room, file, actor, ip(c));
    return back(c, `/rooms/${room.row.id}/files`, { kind: 'success', key: 'roomfiles.deleted' });
  });

  app.post('/:id{[0-9]+}/files/:fid{[0-9]+}/case-documents', async (c) => {
    const { room, user, actor } = await load(c, 'post');
    const file = await getFile(database, room, c.req.param('fid'));
    if (!file) throw notFound();
    const body = await c.req.parseBody();
    const caseNumber = str(body, 'caseNumber', 60);
    const version = toId(str(body, 'version', 10)) ?? file.current_version;
    const result = await sendToCase(database, blobs, room, file, version, caseNumber, actor, { ...ip(c), limits });
    if (!result.ok) return filePage(c, room, user, String(file.id), { errors: { caseNumber: c.get('t')(result.error) }, caseNumber }, 422);
    return back(c, `/rooms/${room.row.id}/files/${file.id}`, {
      kind: 'success',
      key: result.journalNumber ? 'roomfiles.sentJournalised' : 'roomfiles.sent',
      params: { number: result.caseNumber, document: result.journalNumber ?? '' },
    });
  });

  return app;
}
