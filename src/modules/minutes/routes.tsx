import { Hono, type Context } from 'hono';
import { DecisionBlock, ItemFragment, MinutesEditor } from '../../../views/minutes/Editor.tsx';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import { auditActor } from '../../audit/service.ts';
import { toId } from '../../db/sql.ts';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import type { Logger } from '../../http/logger.ts';
import { render, wantsFragment } from '../../http/render.tsx';
import { formatLongDate, type MessageKey } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import {
  addDisqualification,
  addDissent,
  closeRound,
  loadMeeting,
  markHeld,
  minutesState,
  removeDisqualification,
  removeDissent,
  saveAttendance,
  saveDecision,
  saveDecisions,
  sendMinutes,
  writeBackDecisions,
  type AttendanceEntry,
  type MeetingRow,
  type MinutesError,
} from './minutes.ts';
import { notifyApprovers } from '../meetings/index.ts';

/**
 * The secretariat's minutes (referat), mounted beside the meeting routes at /meetings:
 * everything under /meetings/:id/minutes. Each task is its own small form post that redirects
 * back to the editor (POST-redirect-GET); a rejected one re-renders the editor with 422, the
 * error summary and what was typed.
 */
export function minutesRoutes(database: Database, blobs: BlobStore, logger?: Logger) {
  const app = new Hono<AppEnv>();

  async function requireMeeting(c: Context<AppEnv>): Promise<{ user: CurrentUser; meeting: MeetingRow }> {
    const user = c.get('user');
    if (!can(user, 'meetings.manage')) throw forbidden();
    const meeting = await loadMeeting(database, Number(c.req.param('id')));
    if (!meeting) throw notFound();
    return { user: user!, meeting };
  }

  async function editor(
    c: Context<AppEnv>,
    meeting: MeetingRow,
    errors: FieldErrors = {},
    input: Record<string, string> = {},
    status: 200 | 409 | 422 = 200,
  ) {
    const state = await minutesState(database, meeting);
    return render(c, {
      title: (v) =>
        v.t('minutes.title', { committee: meeting.committee_name, date: formatLongDate(meeting.starts_at, v.locale) }),
      status,
      body: (v) => <MinutesEditor v={v} d={{ state, errors, input }} />,
    });
  }

  /** A rejected change: the editor again with the message at its field (or at the top). */
  function rejected(
    c: Context<AppEnv>,
    meeting: MeetingRow,
    r: MinutesError,
    input: Record<string, string>,
    fallbackField: string,
  ) {
    const message = c.get('t')(r.error, r.params);
    return editor(c, meeting, { [r.field ?? fallbackField]: message }, input, 422);
  }

  /**
   * The answer to a change on one item (a minority statement or a conflict of interest): with
   * htmx just that item's card, with the confirmation or the rejection and what was typed, and
   * the item's unsaved decision text carried along (the forms include it); otherwise the usual
   * redirect, or the whole editor with 422.
   */
  async function itemAnswer(
    c: Context<AppEnv>,
    meeting: MeetingRow,
    itemId: number,
    body: Record<string, unknown>,
    r: { ok: true } | MinutesError,
    input: Record<string, string>,
    fallbackField: string,
    success: MessageKey,
  ) {
    if (!wantsFragment(c))
      return r.ok
        ? done(c, meeting.id, success, undefined, `#item-${itemId}`)
        : rejected(c, meeting, r, input, fallbackField);
    const t = c.get('t');
    const decisionField = `decision-${itemId}`;
    const kept = typeof body[decisionField] === 'string' ? { [decisionField]: str(body[decisionField], 40_000) } : {};
    const message = r.ok ? t(success) : t(r.error, r.params);
    const errors: FieldErrors = r.ok ? {} : { [r.field ?? fallbackField]: message };
    const state = await minutesState(database, (await loadMeeting(database, meeting.id))!);
    return render(c, {
      title: '',
      status: r.ok ? 200 : 422,
      body: () => null,
      fragment: (v) => (
        <>
          <ItemFragment
            v={v}
            d={{ state, errors, input: { ...(r.ok ? {} : input), ...kept } }}
            itemId={itemId}
            notice={{ kind: r.ok ? 'success' : 'error', text: message }}
          />
          <LiveAnnouncement text={message} />
        </>
      ),
    });
  }

  const done = (
    c: Context<AppEnv>,
    meetingId: number,
    key: MessageKey,
    params?: Record<string, string | number>,
    anchor = '',
  ) => {
    setFlash(c, { kind: 'success', key, params });
    return c.redirect(`/meetings/${meetingId}/minutes${anchor}`, 303);
  };

  const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
  const itemIdOf = (c: Context<AppEnv>) => Number(c.req.param('itemId'));

  async function writeBack(c: Context<AppEnv>, user: CurrentUser, meetingId: number): Promise<boolean> {
    try {
      await writeBackDecisions(database, blobs, meetingId, auditActor(user), c.get('clientIp')());
      return true;
    } catch (err) {
      logger?.error('decision write-back failed', { err, meetingId });
      return false;
    }
  }

  app.get('/:id{[0-9]+}/minutes', async (c) => {
    const { meeting } = await requireMeeting(c);
    return editor(c, meeting);
  });

  app.post('/:id{[0-9]+}/minutes/attendance', async (c) => {
    const { user, meeting } = await requireMeeting(c);
    const body = await c.req.parseBody();
    const input: Record<string, string> = {};
    const entries = new Map<number, AttendanceEntry>();
    for (const [k, raw] of Object.entries(body)) {
      const value = str(raw, 20);
      const m = /^(att|sub)-([0-9]{1,12})$/.exec(k);
      const personId = m ? toId(m[2]) : null;
      if (!m || !personId) continue;
      input[k] = value;
      const e = entries.get(personId) ?? { personId, status: '', substituteFor: null };
      if (m[1] === 'att') e.status = value === 'present' || value === 'absent' ? value : '';
      else e.substituteFor = toId(value);
      entries.set(personId, e);
    }
    const r = await saveAttendance(database, meeting, [...entries.values()], auditActor(user), c.get('clientIp')());
    if (!r.ok) return rejected(c, meeting, r, input, 'attendance');
    return done(c, meeting.id, 'minutes.attendance.saved', undefined, '#attendance');
  });

  // Every item's decision at once: the editor's one decisions form (the no-JS path). `item` is the
  // save button pressed, for the anchor to come back to. A rejection keeps every typed text.
  app.post('/:id{[0-9]+}/minutes/decisions', async (c) => {
    const { user, meeting } = await requireMeeting(c);
    const body = await c.req.parseBody();
    const input: Record<string, string> = {};
    const entries: Array<{ itemId: number; text: string }> = [];
    for (const [k, raw] of Object.entries(body)) {
      const m = /^decision-([0-9]{1,12})$/.exec(k);
      const itemId = m ? toId(m[1]) : null;
      if (itemId === null) continue;
      const text = str(raw, 40_000);
      input[k] = text;
      entries.push({ itemId, text });
    }
    const r = await saveDecisions(database, meeting, entries, auditActor(user), c.get('clientIp')());
    if (!r.ok) {
      const t = c.get('t');
      const errors: FieldErrors = {};
      for (const e of r.errors) errors[e.field ?? 'items-title'] = t(e.error, e.params);
      return editor(c, meeting, errors, input, 422);
    }
    const pressed = str(body.item, 20);
    return done(
      c,
      meeting.id,
      'minutes.decisions.saved',
      undefined,
      /^[0-9]{1,12}$/.test(pressed) ? `#item-${pressed}` : '',
    );
  });

  // One item's decision. With htmx (the save button's hx-post, which carries the whole decisions
  // form) only this item's text is saved and only its block comes back, so the other items keep
  // whatever is typed in them. A plain post with `decision` still works.
  app.post('/:id{[0-9]+}/minutes/items/:itemId{[0-9]+}/decision', async (c) => {
    const { user, meeting } = await requireMeeting(c);
    const itemId = itemIdOf(c);
    const body = await c.req.parseBody();
    const field = `decision-${itemId}`;
    const text = str(body[field] ?? body.decision, 40_000);
    const r = await saveDecision(database, meeting, itemId, text, auditActor(user), c.get('clientIp')());
    const item = await database.db
      .selectFrom('agenda_items')
      .select(['number', 'decision'])
      .where('id', '=', itemId)
      .where('meeting_id', '=', meeting.id)
      .executeTakeFirst();
    if (wantsFragment(c) && item) {
      const message = r.ok ? null : c.get('t')(r.error, r.params);
      return render(c, {
        title: '',
        status: r.ok ? 200 : 422,
        body: () => null,
        fragment: (v) => (
          <>
            <DecisionBlock
              v={v}
              base={`/meetings/${meeting.id}/minutes`}
              itemId={itemId}
              number={item.number}
              value={r.ok ? (item.decision ?? '') : text}
              error={message ?? undefined}
              swapped
            />
            <LiveAnnouncement text={message ?? v.t('minutes.decision.saved', { number: item.number })} />
          </>
        ),
      });
    }
    if (!r.ok) return rejected(c, meeting, r, { [field]: text }, field);
    return done(c, meeting.id, 'minutes.decision.saved', { number: item?.number ?? '' }, `#item-${itemId}`);
  });

  app.post('/:id{[0-9]+}/minutes/items/:itemId{[0-9]+}/dissents', async (c) => {
    const { user, meeting } = await requireMeeting(c);
    const itemId = itemIdOf(c);
    const body = await c.req.parseBody();
    const person = str(body.personId, 20);
    const text = str(body.text, 20_000);
    const input = { [`dissent-person-${itemId}`]: person, [`dissent-text-${itemId}`]: text };
    const r = await addDissent(
      database,
      meeting,
      itemId,
      toId(person) ?? 0,
      text,
      auditActor(user),
      c.get('clientIp')(),
    );
    return itemAnswer(c, meeting, itemId, body, r, input, `dissent-text-${itemId}`, 'minutes.dissent.added');
  });

  app.post('/:id{[0-9]+}/minutes/items/:itemId{[0-9]+}/dissents/:dissentId{[0-9]+}/deletion', async (c) => {
    const { user, meeting } = await requireMeeting(c);
    const itemId = itemIdOf(c);
    const body = await c.req.parseBody();
    const r = await removeDissent(
      database,
      meeting,
      itemId,
      Number(c.req.param('dissentId')),
      auditActor(user),
      c.get('clientIp')(),
    );
    return itemAnswer(c, meeting, itemId, body, r, {}, `item-${itemId}`, 'minutes.dissent.removed');
  });

  app.post('/:id{[0-9]+}/minutes/items/:itemId{[0-9]+}/disqualifications', async (c) => {
    const { user, meeting } = await requireMeeting(c);
    const itemId = itemIdOf(c);
    const body = await c.req.parseBody();
    const person = str(body.personId, 20);
    const reason = str(body.reason, 2_000);
    const keptOut = body.keptOut === '1';
    const input = {
      [`disq-person-${itemId}`]: person,
      [`disq-reason-${itemId}`]: reason,
      [`disq-kept-${itemId}`]: keptOut ? '1' : '0',
    };
    const r = await addDisqualification(
      database,
      meeting,
      itemId,
      toId(person) ?? 0,
      reason,
      keptOut,
      auditActor(user),
      c.get('clientIp')(),
    );
    return itemAnswer(c, meeting, itemId, body, r, input, `disq-person-${itemId}`, 'minutes.disq.added');
  });

  app.post('/:id{[0-9]+}/minutes/items/:itemId{[0-9]+}/disqualifications/:personId{[0-9]+}/deletion', async (c) => {
    const { user, meeting } = await requireMeeting(c);
    const itemId = itemIdOf(c);
    const body = await c.req.parseBody();
    const r = await removeDisqualification(
      database,
      meeting,
      itemId,
      Number(c.req.param('personId')),
      auditActor(user),
      c.get('clientIp')(),
    );
    return itemAnswer(c, meeting, itemId, body, r, {}, `item-${itemId}`, 'minutes.disq.removed');
  });

  app.post('/:id{[0-9]+}/minutes/holding', async (c) => {
    const { user, meeting } = await requireMeeting(c);
    const r = await markHeld(database, meeting, auditActor(user), c.get('clientIp')());
    if (!r.ok) return rejected(c, meeting, r, {}, 'meeting-status');
    return done(c, meeting.id, 'minutes.held.done');
  });

  app.post('/:id{[0-9]+}/minutes/versions', async (c) => {
    const { user, meeting } = await requireMeeting(c);
    const body = await c.req.parseBody();
    const note = str(body.changeNote, 5_000);
    const r = await sendMinutes(database, meeting, note, auditActor(user), c.get('clientIp')());
    if (!r.ok) return rejected(c, meeting, r, { changeNote: note }, 'send');
    if (r.correction) {
      const ok = await writeBack(c, user, meeting.id);
      if (!ok) {
        setFlash(c, { kind: 'error', key: 'minutes.writeback.failed' });
        return c.redirect(`/meetings/${meeting.id}/minutes`, 303);
      }
      return done(c, meeting.id, 'minutes.send.correctionDone', { number: r.version.number });
    }
    await notifyApprovers(database, r.version);
    return done(c, meeting.id, 'minutes.send.done', { number: r.version.number });
  });

  app.post('/:id{[0-9]+}/minutes/closing', async (c) => {
    const { user, meeting } = await requireMeeting(c);
    const r = await closeRound(database, meeting, auditActor(user), c.get('clientIp')());
    if (!r.ok) return rejected(c, meeting, r, {}, 'send');
    if (!(await writeBack(c, user, meeting.id))) {
      setFlash(c, { kind: 'error', key: 'minutes.writeback.failed' });
      return c.redirect(`/meetings/${meeting.id}/minutes`, 303);
    }
    return done(c, meeting.id, 'minutes.close.done');
  });

  app.post('/:id{[0-9]+}/minutes/writebacks', async (c) => {
    const { user, meeting } = await requireMeeting(c);
    try {
      const r = await writeBackDecisions(database, blobs, meeting.id, auditActor(user), c.get('clientIp')());
      return done(c, meeting.id, 'minutes.writeback.result', { written: r.written, unchanged: r.unchanged });
    } catch (err) {
      logger?.error('decision write-back failed', { err, meetingId: meeting.id });
      setFlash(c, { kind: 'error', key: 'minutes.writeback.failed' });
      return c.redirect(`/meetings/${meeting.id}/minutes`, 303);
    }
  });

  return app;
}
