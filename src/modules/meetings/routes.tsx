import { Hono, type Context } from 'hono';
import type { FieldErrors } from '../../../views/components/form.tsx';
import { MeetingFormPage } from '../../../views/meetings/MeetingForm.tsx';
import { MeetingEditorPage, PublishedAgendaPage, type PublishForm } from '../../../views/meetings/MeetingPage.tsx';
import { MeetingsIndexPage } from '../../../views/meetings/MeetingsIndex.tsx';
import { auditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { render } from '../../http/render.tsx';
import { copenhagenDate } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import { closingDays } from '../../calendar/closing-days.ts';
import { isLateNotice } from '../../calendar/workdays.ts';
import {
  buildSnapshot,
  latestVersion,
  meetingClosures,
  publishedVersions,
  redactSnapshot,
  viewerFor,
} from '../publication/index.ts';
import { listCommittees, listLocations, locationLabel } from './committees.ts';
import { queryId, str, translateErrors } from '../../http/forms.ts';
import { readMeetingForm } from './form-input.ts';
import { meetingGuards } from './guards.ts';
import { itemRoutes } from './item-routes.tsx';
import { agendaEditable, listItems } from './items.ts';
import {
  allowedTransitions,
  changeStatus,
  createMeeting,
  diffSnapshots,
  emptyMeetingInput,
  inputFromMeeting,
  isEmptyDiff,
  listMeetings,
  noticeWorkingDays,
  publishAgenda,
  updateMeeting,
  type MeetingInput,
  type MeetingWithCommittee,
} from './meetings.ts';
import { notifyMembers } from './notify.ts';
import { proposalRoutes } from './proposal-routes.tsx';
import { versionRoutes } from './version-routes.tsx';

/**
 * The secretariat's production of agendas, mounted at /meetings: the meetings index, planning a
 * meeting, the agenda editor (items, order, closed items, attachments, conflicts of interest,
 * sending on), publication with versions, and the agenda PDF. Everyone with `meetings.view`
 * reads published agendas (through `redactSnapshot`); a meeting without a published agenda is
 * "not found" to everyone but the secretariat.
 */
export function meetingRoutes(database: Database, blobs: BlobStore) {
  const app = new Hono<AppEnv>();
  const guards = meetingGuards(database);
  const { viewerUser, manager, loadMeeting } = guards;

  const committeeOptions = async () =>
    (await listCommittees(database, copenhagenDate(new Date()))).map((c) => ({ id: c.id, name: c.name }));
  const locationOptions = async () =>
    (await listLocations(database)).map((l) => ({ id: l.id, label: locationLabel(l) }));

  // --- Index -----------------------------------------------------------------------------
  app.get('/', async (c) => {
    const user = viewerUser(c);
    const manage = can(user, 'meetings.manage');
    const committeeId = queryId(c, 'committee');
    const o = { includePlanned: manage, committeeId: committeeId ?? undefined };
    const [upcoming, recent, committees] = await Promise.all([
      listMeetings(database, { ...o, when: 'upcoming', limit: 30 }),
      listMeetings(database, { ...o, when: 'recent', limit: 30 }),
      committeeOptions(),
    ]);
    return render(c, {
      title: (v) => v.t('meetings.title'),
      body: (v) => (
        <MeetingsIndexPage
          v={v}
          d={{ upcoming, recent, committees, committeeId, manage, reader: can(user, 'meetings.read') }}
        />
      ),
    });
  });

  // --- Plan and edit a meeting -----------------------------------------------------------
  async function meetingForm(
    c: Context<AppEnv>,
    o: { mode: 'new' | 'edit'; meeting?: MeetingWithCommittee; input: MeetingInput; errors?: FieldErrors },
  ) {
    const [committees, locations] = await Promise.all([committeeOptions(), locationOptions()]);
    return render(c, {
      title: (v) => (o.mode === 'new' ? v.t('meetings.form.newTitle') : v.t('meetings.form.editTitle')),
      status: o.errors && Object.keys(o.errors).length ? 422 : 200,
      body: (v) => (
        <MeetingFormPage
          v={v}
          d={{
            mode: o.mode,
            meetingId: o.meeting?.id,
            committeeLocked: !!o.meeting && o.meeting.status !== 'planned',
            input: o.input,
            errors: o.errors ?? {},
            committees,
            locations,
          }}
        />
      ),
    });
  }

  app.get('/new', async (c) => {
    manager(c);
    return meetingForm(c, { mode: 'new', input: emptyMeetingInput({ committeeId: c.req.query('committee') ?? '' }) });
  });

  app.post('/', async (c) => {
    const user = manager(c);
    const input = readMeetingForm(await c.req.parseBody());
    const result = await createMeeting(database, auditActor(user), input);
    if (!result.ok) return meetingForm(c, { mode: 'new', input, errors: translateErrors(c.get('t'), result.errors) });
    setFlash(c, { kind: 'success', key: 'meetings.created' });
    return c.redirect(`/meetings/${result.id}`, 303);
  });

  app.get('/:id{[0-9]+}/edit', async (c) => {
    const { meeting } = await loadMeeting(c, 'manage');
    return meetingForm(c, { mode: 'edit', meeting, input: inputFromMeeting(meeting) });
  });

  app.post('/:id{[0-9]+}', async (c) => {
    const { user, meeting } = await loadMeeting(c, 'manage');
    const input = readMeetingForm(await c.req.parseBody());
    const result = await updateMeeting(database, auditActor(user), meeting, input);
    if (!result.ok)
      return meetingForm(c, { mode: 'edit', meeting, input, errors: translateErrors(c.get('t'), result.errors) });
    setFlash(c, { kind: 'success', key: 'meetings.saved' });
    return c.redirect(`/meetings/${meeting.id}`, 303);
  });

  app.post('/:id{[0-9]+}/status', async (c) => {
    const { user, meeting } = await loadMeeting(c, 'manage');
    const body = await c.req.parseBody();
    // The form says which status it was made for: a stale page cannot skip a step.
    const from = str(body, 'from', 20);
    const result =
      from && from !== meeting.status
        ? ({ ok: false, error: 'meetings.error.status' } as const)
        : await changeStatus(database, auditActor(user), meeting, str(body, 'status', 20), { ip: c.get('clientIp')() });
    setFlash(c, result.ok ? { kind: 'success', key: 'meetings.statusChanged' } : { kind: 'error', key: result.error });
    return c.redirect(`/meetings/${meeting.id}`, 303);
  });

  // --- The meeting page: editor for the secretariat, published agenda for everyone -----------
  async function editorPage(
    c: Context<AppEnv>,
    meeting: MeetingWithCommittee,
    publish: PublishForm,
    status: 200 | 422 = 200,
  ) {
    const [items, versions, days, closing] = await Promise.all([
      listItems(database, meeting.id),
      publishedVersions(database, meeting.id, 'agenda'),
      noticeWorkingDays(database),
      closingDays(database),
    ]);
    const latest = versions.at(-1);
    let unpublished = false;
    if (latest)
      unpublished = !isEmptyDiff(diffSnapshots(latest.snapshot, await buildSnapshot(database, meeting.id, 'agenda')));
    const notice = isLateNotice(meeting.starts_at, new Date(), days, closing);
    const d = {
      meeting,
      items,
      editable: agendaEditable(meeting),
      versions: versions.map((v) => ({
        number: v.number,
        changeKind: v.changeKind,
        changeNote: v.changeNote,
        publishedAt: v.publishedAt,
      })),
      unpublished,
      notice: { ...notice, days },
      transitions: allowedTransitions(meeting),
      publish,
      focus: null,
    };
    return render(c, {
      title: `${meeting.committee_name}: ${meeting.title}`,
      status,
      body: (v) => <MeetingEditorPage v={v} d={d} />,
    });
  }

  async function publishedPage(
    c: Context<AppEnv>,
    user: CurrentUser,
    meeting: MeetingWithCommittee,
    editorLink: boolean,
  ) {
    const versions = await publishedVersions(database, meeting.id, 'agenda');
    const wanted = queryId(c, 'version');
    const version = (wanted && versions.find((v) => v.number === wanted)) || versions.at(-1) || null;
    if (c.req.query('version') && version && version.number !== wanted) throw notFound();
    const [viewer, closures] = await Promise.all([
      viewerFor(database, user, meeting),
      meetingClosures(database, meeting.id),
    ]);
    // Both versions with the latest closures: the diff cannot reveal an item closed since.
    const snapshot = version ? redactSnapshot(version.snapshot, viewer, closures) : null;
    const previous = version ? versions.find((v) => v.number === version.number - 1) : undefined;
    const diff =
      version && previous && snapshot
        ? diffSnapshots(redactSnapshot(previous.snapshot, viewer, closures), snapshot)
        : null;
    const minutes = await latestVersion(database, meeting.id, 'minutes');
    const d = {
      meeting,
      version,
      latestNumber: versions.at(-1)?.number ?? 0,
      versions: versions.map((v) => ({ number: v.number, changeKind: v.changeKind, publishedAt: v.publishedAt })),
      snapshot,
      diff,
      editorLink,
      minutesHref: minutes
        ? editorLink
          ? `/meetings/${meeting.id}/minutes`
          : viewer.member
            ? `/reader/meetings/${meeting.id}`
            : `/public/meetings/${meeting.id}`
        : null,
      attachmentHref: (itemId: number, documentId: number) => {
        const att = snapshot?.items.find((i) => i.id === itemId)?.attachments.find((a) => a.documentId === documentId);
        return att && version ? `/meetings/${meeting.id}/versions/${version.number}/attachments/${att.id}` : null;
      },
    };
    return render(c, {
      title: (v) => `${v.t('meetings.agenda')}: ${meeting.committee_name}, ${meeting.title}`,
      body: (v) => <PublishedAgendaPage v={v} d={d} />,
    });
  }

  app.get('/:id{[0-9]+}', async (c) => {
    const { user, meeting, manage } = await loadMeeting(c);
    if (manage && c.req.query('view') !== 'published')
      return editorPage(c, meeting, { changeKind: 'addendum', changeNote: '', errors: {} });
    return publishedPage(c, user, meeting, manage);
  });

  app.post('/:id{[0-9]+}/publications', async (c) => {
    const { user, meeting } = await loadMeeting(c, 'manage');
    const body = await c.req.parseBody();
    const input = { changeKind: str(body, 'changeKind', 20), changeNote: str(body, 'changeNote', 3000) };
    const result = await publishAgenda(database, auditActor(user), meeting.id, input, { ip: c.get('clientIp')() });
    if (!result.ok) {
      const errors = translateErrors(c.get('t'), result.errors);
      return editorPage(c, meeting, { ...input, errors }, 422);
    }
    await notifyMembers(database, result.version);
    setFlash(
      c,
      result.late
        ? {
            kind: 'info',
            key: 'meetings.publishedLate',
            params: { version: result.version.number, deadline: result.deadline.split('-').reverse().join('.') },
          }
        : { kind: 'success', key: 'meetings.published', params: { version: result.version.number } },
    );
    return c.redirect(`/meetings/${meeting.id}`, 303);
  });

  app.route('/', versionRoutes(database, blobs, guards));
  app.route('/', itemRoutes(database, guards));
  app.route('/', proposalRoutes(database, guards));
  return app;
}
