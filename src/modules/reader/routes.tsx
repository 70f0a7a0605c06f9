import fs from 'node:fs';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import { ApproveScreen, OfflineScreen } from '../../../views/reader/Approve.tsx';
import { ReaderIndex, ReaderSearch, ReaderSearchResults } from '../../../views/reader/Index.tsx';
import { ReaderItemScreen, type ReaderItemData } from '../../../views/reader/Item.tsx';
import { ReaderMeetingScreen } from '../../../views/reader/Meeting.tsx';
import { NoteForm, noteDomId } from '../../../views/reader/parts.tsx';
import { auditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import { PUBLIC_DIR } from '../../http/assets.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import type { Logger } from '../../http/logger.ts';
import { render, viewContext, wantsFragment } from '../../http/render.tsx';
import { formatDateTime, formatLongDate, type T } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import { approveMinutes, loadMeeting, writeBackDecisions } from '../minutes/index.ts';
import { serveSnapshotAttachment } from '../publication/index.ts';
import { isNoteTarget, MAX_NOTE_LENGTH, notesFor, noteKey, saveNote } from './notes.ts';
import { readerAttachment, readerItem, readerMeeting, readerMeetings, type ReaderMeeting } from './reader.ts';
import { searchReader } from './search.ts';

/**
 * The politicians' tablet reader, at /reader (policy: meetings.read). Built only from published
 * snapshots through `redactSnapshot`. Pages are small server-rendered HTML; attachments open in
 * the browser's own PDF viewer; notes save with htmx or a plain form post; a meeting can be saved
 * for offline reading by a service worker scoped to /reader/ (public/reader-sw.js).
 */
export function readerRoutes(database: Database, blobs: BlobStore, logger?: Logger) {
  const app = new Hono<AppEnv>();

  const requireReader = (c: Context<AppEnv>): CurrentUser => {
    const user = c.get('user');
    if (!can(user, 'meetings.read')) throw forbidden();
    return user!;
  };
  const viewOf = (c: Context<AppEnv>) => {
    const v = c.req.query('view');
    return v === 'agenda' || v === 'minutes' ? v : undefined;
  };
  async function requireMeeting(c: Context<AppEnv>): Promise<{ user: CurrentUser; m: ReaderMeeting }> {
    const user = requireReader(c);
    const m = await readerMeeting(database, user, Number(c.req.param('id')), viewOf(c));
    if (!m) throw notFound();
    return { user, m };
  }

  // --- Scripts: the service worker (scope /reader/) and the offline page's script -------------
  // Read once: they change only with a deploy, which restarts the server.
  const script = (file: string) => {
    const body = fs.readFileSync(path.join(PUBLIC_DIR, file), 'utf8');
    return (c: Context<AppEnv>) => {
      c.header('Content-Type', 'text/javascript; charset=utf-8');
      c.header('Cache-Control', 'no-cache');
      return c.body(body);
    };
  };
  app.get('/sw.js', script('reader-sw.js'));
  app.get('/reader.js', script('js/reader.js'));

  // --- My meetings ----------------------------------------------------------------------------
  app.get('/', async (c) => {
    const user = requireReader(c);
    const list = await readerMeetings(database, user);
    return render(c, {
      title: (v) => v.t('reader.title'),
      body: (v) => <ReaderIndex v={v} d={{ hasPerson: !!list.person, upcoming: list.upcoming, past: list.past }} />,
    });
  });

  // --- Search ---------------------------------------------------------------------------------
  app.get('/search', async (c) => {
    const user = requireReader(c);
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const hits = q ? await searchReader(database, user, q) : null;
    return render(c, {
      title: (v) => (q ? `${v.t('reader.search.results')}: ${q}` : v.t('reader.search')),
      body: (v) => <ReaderSearch v={v} q={q} hits={hits} />,
      fragment: (v) => (
        <>
          <ReaderSearchResults v={v} q={q} hits={hits} />
          <LiveAnnouncement
            text={
              hits === null
                ? ''
                : hits.length
                  ? v.t('reader.search.count', { count: hits.length })
                  : v.t('reader.search.none', { q })
            }
          />
        </>
      ),
    });
  });

  // --- A meeting --------------------------------------------------------------------------------
  app.get('/meetings/:id{[0-9]+}', async (c) => {
    const { user, m } = await requireMeeting(c);
    const notes = await notesFor(
      database,
      user.id,
      m.snapshot.items.map((i) => i.id),
    );
    const noted = new Set([...notes.values()].map((n) => n.itemId));
    return render(c, {
      title: `${m.snapshot.meeting.committeeName}, ${m.snapshot.meeting.title}`,
      body: (v) => <ReaderMeetingScreen v={v} m={m} noted={noted} />,
    });
  });

  // The offline page: what to store for this meeting (the pages a reader opens, the attachments
  // and the page assets).
  app.get('/meetings/:id{[0-9]+}/offline', async (c) => {
    const { user, m } = await requireMeeting(c);
    const base = `/reader/meetings/${m.meeting.id}`;
    const urls = new Set<string>(['/reader', base]);
    for (const kind of m.kinds) {
      const km = kind === m.kind ? m : await readerMeeting(database, user, m.meeting.id, kind);
      if (!km) continue;
      urls.add(`${base}?view=${kind}`);
      for (const item of km.snapshot.items) {
        urls.add(`${base}/items/${item.id}?view=${kind}`);
        for (const a of item.attachments) urls.add(`${base}/attachments/${a.id}`);
      }
    }
    const v = viewContext(c);
    for (const asset of ['app.css', 'app.js', 'htmx.js', 'alpine.js'] as const) urls.add(v.asset(asset));
    urls.add('/favicon.svg');
    return render(c, {
      title: (vc) => vc.t('reader.offline.save'),
      body: (vc) => <OfflineScreen v={vc} m={m} urls={[...urls]} />,
    });
  });

  // --- An item ----------------------------------------------------------------------------------
  async function itemPage(
    c: Context<AppEnv>,
    user: CurrentUser,
    m: ReaderMeeting,
    itemId: number,
    noteError?: ReaderItemData['noteError'],
  ) {
    const r = readerItem(m, itemId);
    if (!r) throw notFound();
    const notes = r.readable ? await notesFor(database, user.id, [itemId]) : new Map();
    return render(c, {
      title: (v) =>
        `${v.t('reader.item', { number: r.item.number })}: ${r.readable ? r.item.title : v.t('reader.item.closed')}`,
      status: noteError ? 422 : 200,
      body: (v) => <ReaderItemScreen v={v} d={{ m, r, notes, noteError }} />,
    });
  }

  app.get('/meetings/:id{[0-9]+}/items/:itemId{[0-9]+}', async (c) => {
    const { user, m } = await requireMeeting(c);
    return itemPage(c, user, m, Number(c.req.param('itemId')));
  });

  // Private notes: only on items this reader may read, and on attachments of that item.
  app.post('/meetings/:id{[0-9]+}/items/:itemId{[0-9]+}/notes', async (c) => {
    const { user, m } = await requireMeeting(c);
    const itemId = Number(c.req.param('itemId'));
    const r = readerItem(m, itemId);
    if (!r || !r.readable) throw notFound();
    const body = await c.req.parseBody();
    const target = typeof body.target === 'string' ? body.target : '';
    const text = typeof body.body === 'string' ? body.body.slice(0, MAX_NOTE_LENGTH * 2) : '';
    if (!isNoteTarget(target)) throw notFound();
    const attachment = target === 'item' ? null : r.item.attachments.find((a) => `document:${a.documentId}` === target);
    if (target !== 'item' && !attachment) throw notFound();
    const label = (v: { t: T }) =>
      target === 'item'
        ? v.t('reader.notes.item', { number: r.item.number })
        : v.t('reader.notes.attachment', { title: attachment!.title });
    const action = `/reader/meetings/${m.meeting.id}/items/${itemId}/notes?view=${m.kind}`;
    const result = await saveNote(database, user.id, itemId, target, text);
    if (wantsFragment(c)) {
      const t = c.get('t');
      const note = result.ok
        ? (result.note ?? undefined)
        : (await notesFor(database, user.id, [itemId])).get(noteKey(itemId, target));
      return render(c, {
        title: '',
        status: result.ok ? 200 : 422,
        body: () => null,
        fragment: (v) => (
          <>
            <NoteForm
              v={v}
              action={action}
              itemId={itemId}
              target={target}
              label={label(v)}
              note={note}
              value={result.ok ? undefined : text}
              error={result.ok ? undefined : t(result.error, { max: MAX_NOTE_LENGTH })}
              saved={result.ok}
            />
            <LiveAnnouncement
              text={
                result.ok
                  ? result.note
                    ? t('reader.notes.saved', { time: formatDateTime(result.note.updatedAt, v.locale) })
                    : t('reader.notes.deleted')
                  : t(result.error, { max: MAX_NOTE_LENGTH })
              }
            />
          </>
        ),
      });
    }
    if (!result.ok)
      return itemPage(c, user, m, itemId, {
        key: noteKey(itemId, target),
        value: text,
        message: c.get('t')(result.error, { max: MAX_NOTE_LENGTH }),
      });
    if (result.note)
      setFlash(c, {
        kind: 'success',
        key: 'reader.notes.saved',
        params: { time: formatDateTime(result.note.updatedAt, c.get('locale')) },
      });
    else setFlash(c, { kind: 'success', key: 'reader.notes.deleted' });
    return c.redirect(
      `/reader/meetings/${m.meeting.id}/items/${itemId}?view=${m.kind}#${noteDomId(itemId, target)}`,
      303,
    );
  });

  // --- Attachments (in the browser's own PDF viewer) ----------------------------------------------
  app.get('/meetings/:id{[0-9]+}/attachments/:attId{[0-9]+}', async (c) => {
    const user = requireReader(c);
    const attachmentId = Number(c.req.param('attId'));
    const found = await readerAttachment(database, user, Number(c.req.param('id')), attachmentId);
    if (!found) throw notFound();
    return serveSnapshotAttachment(c, blobs, found.snapshot, attachmentId, found.viewer, found.closures);
  });

  // --- Approving the minutes --------------------------------------------------------------------
  app.get('/meetings/:id{[0-9]+}/approval', async (c) => {
    const user = requireReader(c);
    const m = await readerMeeting(database, user, Number(c.req.param('id')), 'minutes');
    if (!m || m.kind !== 'minutes' || !m.approval) throw notFound();
    return render(c, {
      title: (v) =>
        v.t('reader.approve.title', {
          committee: m.snapshot.meeting.committeeName,
          date: formatLongDate(m.snapshot.meeting.startsAt, v.locale),
        }),
      body: (v) => <ApproveScreen v={v} m={m} />,
    });
  });

  app.post('/meetings/:id{[0-9]+}/approval', async (c) => {
    const user = requireReader(c);
    const meetingId = Number(c.req.param('id'));
    const meeting = await loadMeeting(database, meetingId);
    if (!meeting) throw notFound();
    const r = await approveMinutes(database, meeting, user, c.get('clientIp')());
    if (!r.ok) {
      const m = await readerMeeting(database, user, meetingId, 'minutes');
      if (!m || m.kind !== 'minutes') throw notFound();
      const message = c.get('t')(r.error);
      return render(c, {
        title: (v) => v.t('reader.approve'),
        status: 422,
        body: (v) => <ApproveScreen v={v} m={m} error={message} />,
      });
    }
    if (r.published) {
      try {
        await writeBackDecisions(database, blobs, meetingId, auditActor(user), c.get('clientIp')());
      } catch (err) {
        // Safe to retry: the secretariat's minutes page offers it, and nothing is written twice.
        logger?.error('decision write-back failed', { err, meetingId });
      }
    }
    setFlash(c, { kind: 'success', key: r.published ? 'reader.approve.published' : 'reader.approve.done' });
    return c.redirect(`/reader/meetings/${meetingId}/approval`, 303);
  });

  return app;
}
