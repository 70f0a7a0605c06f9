import { Hono, type Context } from 'hono';
import { toId } from '../../db/sql.ts';
import type { Child } from 'hono/jsx';
import type { ViewContext } from '../../../views/context.ts';
import { MyNextMeetings } from '../../../views/meetings/HomeSection.tsx';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import { ItemFormPage, type ItemFormData } from '../../../views/meetings/ItemForm.tsx';
import { MeetingFormPage } from '../../../views/meetings/MeetingForm.tsx';
import { AgendaItemsList, MeetingEditorPage, PublishedAgendaPage, type PublishForm } from '../../../views/meetings/MeetingPage.tsx';
import { MeetingsIndexPage } from '../../../views/meetings/MeetingsIndex.tsx';
import { ProposePage } from '../../../views/meetings/Propose.tsx';
import { auditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound, refused } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { list, queryId, str, translateErrors } from '../../http/forms.ts';
import { render, wantsFragment } from '../../http/render.tsx';
import { copenhagenDate } from '../../i18n/index.ts';
import { can, type Actor } from '../../policy/index.ts';
import { requireCase } from '../cases/access.ts';
import { sendBlob } from '../../http/send-blob.ts';
import { latestVersion, meetingClosures, personOfUser, publishedVersions, redactSnapshot, viewerFor } from './access.ts';
import { pdfFilename, renderMeetingPdf } from './agenda-pdf.ts';
import { listCommittees, listLocations, locationLabel, membersOn } from './committees.ts';
import { serveSnapshotAttachment } from './files.ts';
import {
  addDisqualification,
  agendaEditable,
  caseDocuments,
  createItem,
  emptyItemInput,
  forwardItem,
  forwardTargets,
  getItem,
  inputFromItem,
  listItems,
  moveItem,
  openMeetings,
  removeDisqualification,
  removeItem,
  reorderItems,
  updateItem,
  type ItemInput,
} from './items.ts';
import {
  allowedTransitions,
  changeStatus,
  committeesOfPerson,
  createMeeting,
  diffSnapshots,
  emptyMeetingInput,
  getMeeting,
  inputFromMeeting,
  isEmptyDiff,
  isVisibleMeeting,
  listMeetings,
  noticeWorkingDays,
  publishAgenda,
  updateMeeting,
  type MeetingInput,
  type MeetingWithCommittee,
} from './meetings.ts';
import { approvalState } from './minutes.ts';
import { buildSnapshot } from './publish.ts';
import { notifyMembers } from './notify.ts';
import { isLateNotice } from './workdays.ts';

/**
 * The secretariat's production of agendas, mounted at /meetings: the meetings index, planning a
 * meeting, the agenda editor (items, order, closed items, attachments, conflicts of interest,
 * sending on), publication with versions, and the agenda PDF. Everyone with `meetings.view`
 * reads published agendas (through `redactSnapshot`); a meeting without a published agenda is
 * "not found" to everyone but the secretariat.
 */

function readMeetingForm(body: Record<string, unknown>): MeetingInput {
  return {
    committeeId: str(body, 'committeeId', 20),
    title: str(body, 'title', 300),
    date: str(body, 'date', 20).trim(),
    startTime: str(body, 'startTime', 10),
    endTime: str(body, 'endTime', 10),
    locationId: str(body, 'locationId', 20),
  };
}

function readItemForm(body: Record<string, unknown>): ItemInput {
  return emptyItemInput({
    title: str(body, 'title', 400),
    closed: body.closed !== undefined,
    closedReason: str(body, 'closedReason', 600),
    presentation: str(body, 'presentation', 60_000),
    recommendation: str(body, 'recommendation', 60_000),
    economy: str(body, 'economy', 60_000),
    attachments: list(body, 'attachments'),
    closedAttachments: list(body, 'closedAttachments'),
  });
}

export function meetingRoutes(database: Database, blobs: BlobStore) {
  const app = new Hono<AppEnv>();

  function viewerUser(c: Context<AppEnv>): CurrentUser {
    const user = c.get('user');
    if (!user || !can(user, 'meetings.view')) throw forbidden();
    return user;
  }
  function manager(c: Context<AppEnv>): CurrentUser {
    const user = viewerUser(c);
    if (!can(user, 'meetings.manage')) throw forbidden();
    return user;
  }

  /** Loads a meeting the user may see: the secretariat any, others only once its agenda is out. */
  async function loadMeeting(c: Context<AppEnv>, need: 'read' | 'manage' = 'read'): Promise<{ user: CurrentUser; meeting: MeetingWithCommittee; manage: boolean }> {
    const user = viewerUser(c);
    const meeting = await getMeeting(database, Number(c.req.param('id')));
    const manage = can(user, 'meetings.manage');
    if (!meeting || (!manage && !isVisibleMeeting(meeting))) throw notFound();
    if (need === 'manage' && !manage) throw forbidden();
    return { user, meeting, manage };
  }

  const committeeOptions = async () => (await listCommittees(database, copenhagenDate(new Date()))).map((c) => ({ id: c.id, name: c.name }));
  const locationOptions = async () => (await listLocations(database)).map((l) => ({ id: l.id, label: locationLabel(l) }));

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
      body: (v) => <MeetingsIndexPage v={v} d={{ upcoming, recent, committees, committeeId, manage, reader: can(user, 'meetings.read') }} />,
    });
  });

  // --- Plan and edit a meeting -----------------------------------------------------------
  async function meetingForm(c: Context<AppEnv>, o: { mode: 'new' | 'edit'; meeting?: MeetingWithCommittee; input: MeetingInput; errors?: FieldErrors }) {
    const [committees, locations] = await Promise.all([committeeOptions(), locationOptions()]);
    return render(c, {
      title: (v) => (o.mode === 'new' ? v.t('meetings.form.newTitle') : v.t('meetings.form.editTitle')),
      status: o.errors && Object.keys(o.errors).length ? 422 : 200,
      body: (v) => (
        <MeetingFormPage
          v={v}
          d={{ mode: o.mode, meetingId: o.meeting?.id, committeeLocked: !!o.meeting && o.meeting.status !== 'planned', input: o.input, errors: o.errors ?? {}, committees, locations }}
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
    if (!result.ok) return meetingForm(c, { mode: 'edit', meeting, input, errors: translateErrors(c.get('t'), result.errors) });
    setFlash(c, { kind: 'success', key: 'meetings.saved' });
    return c.redirect(`/meetings/${meeting.id}`, 303);
  });

  app.post('/:id{[0-9]+}/status', async (c) => {
    const { user, meeting } = await loadMeeting(c, 'manage');
    const body = await c.req.parseBody();
    // The form says which status it was made for: a stale page cannot skip a step.
    const from = str(body, 'from', 20);
    const result = from && from !== meeting.status ? ({ ok: false, error: 'meetings.error.status' } as const) : await changeStatus(database, auditActor(user), meeting, str(body, 'status', 20), { ip: c.get('clientIp')() });
    setFlash(c, result.ok ? { kind: 'success', key: 'meetings.statusChanged' } : { kind: 'error', key: result.error });
    return c.redirect(`/meetings/${meeting.id}`, 303);
  });

  // --- The meeting page: editor for the secretariat, published agenda for everyone -----------
  async function editorPage(c: Context<AppEnv>, meeting: MeetingWithCommittee, publish: PublishForm, status: 200 | 422 = 200) {
    const [items, versions, days] = await Promise.all([listItems(database, meeting.id), publishedVersions(database, meeting.id, 'agenda'), noticeWorkingDays(database)]);
    const latest = versions.at(-1);
    let unpublished = false;
    if (latest) unpublished = !isEmptyDiff(diffSnapshots(latest.snapshot, await buildSnapshot(database, meeting.id, 'agenda')));
    const notice = isLateNotice(meeting.starts_at, new Date(), days);
    const d = {
      meeting,
      items,
      editable: agendaEditable(meeting),
      versions: versions.map((v) => ({ number: v.number, changeKind: v.changeKind, changeNote: v.changeNote, publishedAt: v.publishedAt })),
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

  async function publishedPage(c: Context<AppEnv>, user: CurrentUser, meeting: MeetingWithCommittee, editorLink: boolean) {
    const versions = await publishedVersions(database, meeting.id, 'agenda');
    const wanted = queryId(c, 'version');
    const version = (wanted && versions.find((v) => v.number === wanted)) || versions.at(-1) || null;
    if (c.req.query('version') && version && version.number !== wanted) throw notFound();
    const [viewer, closures] = await Promise.all([viewerFor(database, user, meeting), meetingClosures(database, meeting.id)]);
    // Both versions with the latest closures: the diff cannot reveal an item closed since.
    const snapshot = version ? redactSnapshot(version.snapshot, viewer, closures) : null;
    const previous = version ? versions.find((v) => v.number === version.number - 1) : undefined;
    const diff = version && previous && snapshot ? diffSnapshots(redactSnapshot(previous.snapshot, viewer, closures), snapshot) : null;
    const minutes = await latestVersion(database, meeting.id, 'minutes');
    const d = {
      meeting,
      version,
      latestNumber: versions.at(-1)?.number ?? 0,
      versions: versions.map((v) => ({ number: v.number, changeKind: v.changeKind, publishedAt: v.publishedAt })),
      snapshot,
      diff,
      editorLink,
      minutesHref: minutes ? (editorLink ? `/meetings/${meeting.id}/minutes` : viewer.member ? `/reader/meetings/${meeting.id}` : `/public/meetings/${meeting.id}`) : null,
      attachmentHref: (itemId: number, documentId: number) => {
        const att = snapshot?.items.find((i) => i.id === itemId)?.attachments.find((a) => a.documentId === documentId);
        return att && version ? `/meetings/${meeting.id}/versions/${version.number}/attachments/${att.id}` : null;
      },
    };
    return render(c, { title: (v) => `${v.t('meetings.agenda')}: ${meeting.committee_name}, ${meeting.title}`, body: (v) => <PublishedAgendaPage v={v} d={d} /> });
  }

  app.get('/:id{[0-9]+}', async (c) => {
    const { user, meeting, manage } = await loadMeeting(c);
    if (manage && c.req.query('view') !== 'published') return editorPage(c, meeting, { changeKind: 'addendum', changeNote: '', errors: {} });
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
    setFlash(c, result.late
      ? { kind: 'info', key: 'meetings.publishedLate', params: { version: result.version.number, deadline: result.deadline.split('-').reverse().join('.') } }
      : { kind: 'success', key: 'meetings.published', params: { version: result.version.number } });
    return c.redirect(`/meetings/${meeting.id}`, 303);
  });

  // --- PDF and attachments of a published version -----------------------------------------
  // The agenda or the minutes as PDF (`?version=n`, `?attachments=1` for the merged file), built
  // from the published version redacted for this viewer. Minutes are for the members and the
  // secretariat while they await approval, for everyone once approved.
  for (const kind of ['agenda', 'minutes'] as const) {
    app.get(`/:id{[0-9]+}/${kind}.pdf`, async (c) => {
      const { user, meeting } = await loadMeeting(c);
      const viewer = await viewerFor(database, user, meeting);
      if (kind === 'minutes' && !meeting.minutes_published_at && !viewer.secretariat && !viewer.member) throw notFound();
      const versions = await publishedVersions(database, meeting.id, kind);
      const wanted = c.req.query('version');
      const version = wanted ? versions.find((v) => String(v.number) === wanted) : versions.at(-1);
      if (!version) throw notFound();
      const merged = c.req.query('attachments') === '1';
      const minutes =
        kind === 'minutes'
          ? { approvals: (await approvalState(database, version)).approvals.map((a) => ({ member: a.name, at: a.approvedAt })), seal: version.sha256 }
          : {};
      const pdf = await renderMeetingPdf(database, blobs, version, viewer, { merged, locale: c.get('locale'), ...minutes });
      return sendBlob(c, { bytes: pdf }, {
        mime: 'application/pdf',
        filename: pdfFilename(version, c.get('locale'), merged),
        inline: c.req.query('download') !== '1',
        cacheControl: 'private, no-store',
      });
    });
  }

  app.get('/:id{[0-9]+}/versions/:n{[0-9]+}/attachments/:aid{[0-9]+}', async (c) => {
    const { user, meeting } = await loadMeeting(c);
    const version = (await publishedVersions(database, meeting.id, 'agenda')).find((v) => v.number === Number(c.req.param('n')));
    if (!version) throw notFound();
    const [viewer, closures] = await Promise.all([viewerFor(database, user, meeting), meetingClosures(database, meeting.id)]);
    return serveSnapshotAttachment(c, blobs, version.snapshot, Number(c.req.param('aid')), viewer, closures, { download: c.req.query('download') === '1' });
  });

  // --- Items -----------------------------------------------------------------------------
  /** The item form's data; `caseId` for a new item from a case. */
  async function itemForm(c: Context<AppEnv>, o: { meeting: MeetingWithCommittee; mode: 'new' | 'edit'; itemId?: number; caseRow?: { id: number; number: string; title: string } | null; input: ItemInput; errors?: FieldErrors; disqualify?: ItemFormData['disqualify']; forwardError?: string; status?: 200 | 422 }) {
    const items = o.itemId ? await listItems(database, o.meeting.id) : [];
    const item = o.itemId ? items.find((i) => i.id === o.itemId) : undefined;
    const caseId = item?.case_id ?? o.caseRow?.id ?? null;
    const [documents, members, targets] = await Promise.all([
      caseId ? caseDocuments(database, caseId) : Promise.resolve(null),
      membersOn(database, o.meeting.committee_id, copenhagenDate(new Date(o.meeting.starts_at))),
      o.mode === 'edit' ? forwardTargets(database, o.meeting) : Promise.resolve([]),
    ]);
    const d: ItemFormData = {
      meeting: o.meeting,
      mode: o.mode,
      item,
      caseRow: o.caseRow ?? (item?.case_id ? { id: item.case_id, number: item.case_number ?? '', title: item.case_title ?? '' } : null),
      documents,
      input: o.input,
      errors: o.errors ?? {},
      members: members.map((m) => ({ personId: m.personId, name: m.name, party: m.party })),
      disqualify: o.disqualify ?? { personId: '', reason: '', keptOut: true, errors: {} },
      targets,
      forwardError: o.forwardError,
    };
    return render(c, {
      title: (v) => (o.mode === 'new' ? v.t('meetings.item.newTitle') : v.t('meetings.item.editTitle', { number: item?.number ?? '' })),
      status: o.status ?? (o.errors && Object.keys(o.errors).length ? 422 : 200),
      body: (v) => <ItemFormPage v={v} d={d} />,
    });
  }

  /** Who may put an item on an agenda: the secretariat, and caseworkers (from a case they can see). */
  async function proposer(c: Context<AppEnv>, caseParam: string | undefined) {
    const user = viewerUser(c);
    const manage = can(user, 'meetings.manage');
    if (!manage && !can(user, 'meetings.propose')) throw forbidden();
    const meeting = await getMeeting(database, Number(c.req.param('id')));
    if (!meeting) throw notFound();
    // Caseworkers choose among the open meetings (planned ones too) on the case page.
    if (!manage && !agendaEditable(meeting)) throw notFound();
    let caseRow: { id: number; number: string; title: string } | null = null;
    if (caseParam) {
      const loaded = await requireCase(database, user, caseParam, 'case.view');
      // Putting a case on an agenda changes it (its timeline, later the decision written back).
      if (loaded.resource.archived) throw refused('cases.error.archivedReadOnly');
      caseRow = { id: loaded.row.id, number: loaded.row.number, title: loaded.row.title };
    } else if (!manage) {
      throw forbidden();
    }
    return { user, meeting, manage, caseRow };
  }

  app.get('/:id{[0-9]+}/items/new', async (c) => {
    const { meeting, caseRow } = await proposer(c, c.req.query('case'));
    if (!agendaEditable(meeting)) throw notFound();
    const input = emptyItemInput({ title: caseRow?.title ?? '' });
    if (caseRow) {
      // Offer every journalised document of the case, ticked: the secretariat unticks.
      input.attachments = (await caseDocuments(database, caseRow.id)).map((d) => String(d.id));
    }
    return itemForm(c, { meeting, mode: 'new', caseRow, input });
  });

  app.post('/:id{[0-9]+}/items', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const { user, meeting, manage, caseRow } = await proposer(c, str(body, 'case', 20) || undefined);
    const input = readItemForm(body);
    const result = await createItem(database, auditActor(user), meeting, input, { caseRow });
    if (!result.ok) return itemForm(c, { meeting, mode: 'new', caseRow, input, errors: translateErrors(c.get('t'), result.errors) });
    setFlash(c, { kind: 'success', key: 'meetings.item.created' });
    return c.redirect(manage ? `/meetings/${meeting.id}#agenda-items` : `/cases/${caseRow!.id}`, 303);
  });

  async function loadItem(c: Context<AppEnv>) {
    const { user, meeting } = await loadMeeting(c, 'manage');
    const item = await getItem(database, meeting.id, Number(c.req.param('itemId')));
    if (!item) throw notFound();
    return { user, meeting, item };
  }

  app.get('/:id{[0-9]+}/items/:itemId{[0-9]+}/edit', async (c) => {
    const { meeting, item } = await loadItem(c);
    return itemForm(c, { meeting, mode: 'edit', itemId: item.id, input: await inputFromItem(database, item) });
  });

  app.post('/:id{[0-9]+}/items/:itemId{[0-9]+}', async (c) => {
    const { user, meeting, item } = await loadItem(c);
    const input = readItemForm(await c.req.parseBody({ all: true }));
    const result = await updateItem(database, auditActor(user), meeting, item, input);
    if (!result.ok) return itemForm(c, { meeting, mode: 'edit', itemId: item.id, input, errors: translateErrors(c.get('t'), result.errors) });
    setFlash(c, { kind: 'success', key: 'meetings.item.saved' });
    return c.redirect(`/meetings/${meeting.id}#agenda-items`, 303);
  });

  app.post('/:id{[0-9]+}/items/:itemId{[0-9]+}/deletion', async (c) => {
    const { user, meeting, item } = await loadItem(c);
    const result = await removeItem(database, auditActor(user), meeting, item);
    setFlash(c, result.ok ? { kind: 'success', key: 'meetings.item.removed' } : { kind: 'error', key: result.error });
    return c.redirect(`/meetings/${meeting.id}`, 303);
  });

  /** After a move: the list fragment for htmx (focus stays on the moved item's button), else a redirect. */
  async function afterMove(c: Context<AppEnv>, meeting: MeetingWithCommittee, moved: { itemId: number; direction: 'up' | 'down' } | null) {
    if (!wantsFragment(c)) {
      setFlash(c, { kind: 'success', key: 'meetings.editor.reordered' });
      return c.redirect(`/meetings/${meeting.id}#agenda-items`, 303);
    }
    const items = await listItems(database, meeting.id);
    const item = moved ? items.find((i) => i.id === moved.itemId) : undefined;
    return render(c, {
      title: meeting.title,
      body: () => null,
      fragment: (v) => (
        <>
          <AgendaItemsList v={v} d={{ meeting, items, editable: agendaEditable(meeting), focus: moved }} />
          <LiveAnnouncement text={item ? v.t('meetings.editor.moved', { title: item.title, number: item.number }) : v.t('meetings.editor.reordered')} />
        </>
      ),
    });
  }

  app.post('/:id{[0-9]+}/items/:itemId{[0-9]+}/move', async (c) => {
    const { user, meeting, item } = await loadItem(c);
    const direction = str(await c.req.parseBody(), 'direction', 10) === 'up' ? 'up' : 'down';
    const result = await moveItem(database, auditActor(user), meeting, item, direction);
    if (!result.ok) {
      setFlash(c, { kind: 'error', key: result.error });
      return c.redirect(`/meetings/${meeting.id}`, 303);
    }
    return afterMove(c, meeting, { itemId: item.id, direction });
  });

  app.post('/:id{[0-9]+}/items/order', async (c) => {
    const { user, meeting } = await loadMeeting(c, 'manage');
    const order = list(await c.req.parseBody({ all: true }), 'order').map(toId).filter((n): n is number => n !== null);
    const result = await reorderItems(database, auditActor(user), meeting, order);
    if (!result.ok) {
      setFlash(c, { kind: 'error', key: result.error });
      return c.redirect(`/meetings/${meeting.id}`, 303);
    }
    return afterMove(c, meeting, null);
  });

  app.post('/:id{[0-9]+}/items/:itemId{[0-9]+}/disqualifications', async (c) => {
    const { user, meeting, item } = await loadItem(c);
    const body = await c.req.parseBody();
    const dq = { personId: str(body, 'personId', 20), reason: str(body, 'reason', 600), keptOut: body.keptOut !== undefined };
    const result = await addDisqualification(database, auditActor(user), meeting, item, dq);
    if (!result.ok) {
      return itemForm(c, { meeting, mode: 'edit', itemId: item.id, input: await inputFromItem(database, item), disqualify: { ...dq, errors: translateErrors(c.get('t'), result.errors) }, status: 422 });
    }
    setFlash(c, { kind: 'success', key: 'meetings.item.disqualify.added' });
    return c.redirect(`/meetings/${meeting.id}/items/${item.id}/edit#disqualifications`, 303);
  });

  app.post('/:id{[0-9]+}/items/:itemId{[0-9]+}/disqualifications/:personId{[0-9]+}/deletion', async (c) => {
    const { user, meeting, item } = await loadItem(c);
    await removeDisqualification(database, auditActor(user), meeting, item, Number(c.req.param('personId')));
    setFlash(c, { kind: 'success', key: 'meetings.item.disqualify.removed' });
    return c.redirect(`/meetings/${meeting.id}/items/${item.id}/edit#disqualifications`, 303);
  });

  app.post('/:id{[0-9]+}/items/:itemId{[0-9]+}/forwarding', async (c) => {
    const { user, meeting, item } = await loadItem(c);
    const target = toId(str(await c.req.parseBody(), 'target', 20));
    const result = target ? await forwardItem(database, auditActor(user), meeting, item, target) : ({ ok: false, error: 'meetings.error.meeting' } as const);
    if (!result.ok) {
      return itemForm(c, { meeting, mode: 'edit', itemId: item.id, input: await inputFromItem(database, item), forwardError: c.get('t')(result.error), status: 422 });
    }
    setFlash(c, { kind: 'success', key: 'meetings.item.forwarded' });
    return c.redirect(`/meetings/${result.meetingId}#agenda-items`, 303);
  });

  // --- Sending a case to a committee (from the case page) ----------------------------------
  async function proposeCase(c: Context<AppEnv>) {
    const user = viewerUser(c);
    if (!can(user, 'meetings.propose') && !can(user, 'meetings.manage')) throw forbidden();
    const loaded = await requireCase(database, user, c.req.query('case') ?? '', 'case.view');
    if (loaded.resource.archived) throw refused('cases.error.archivedReadOnly');
    return { id: loaded.row.id, number: loaded.row.number, title: loaded.row.title };
  }

  async function proposePage(c: Context<AppEnv>, caseRow: { id: number; number: string; title: string }, error?: string) {
    const { open, on } = await caseCommitteeInfo(database, caseRow.id);
    return render(c, {
      title: (v) => v.t('meetings.propose.heading'),
      status: error ? 422 : 200,
      body: (v) => <ProposePage v={v} caseRow={caseRow} open={open} on={on} error={error} />,
    });
  }

  app.get('/proposals/new', async (c) => proposePage(c, await proposeCase(c)));

  app.get('/proposals', async (c) => {
    const caseRow = await proposeCase(c);
    const meetingId = queryId(c, 'meeting');
    const open = await openMeetings(database);
    if (!open.some((m) => m.id === meetingId)) return proposePage(c, caseRow, c.get('t')('meetings.error.meeting'));
    return c.redirect(`/meetings/${meetingId}/items/new?case=${caseRow.id}`, 303);
  });

  return app;
}

/** For the case page: upcoming meetings with an open agenda, and the meetings the case is already on. */
export async function caseCommitteeInfo(database: Database, caseId: number) {
  const [open, on] = await Promise.all([
    openMeetings(database),
    database.db
      .selectFrom('agenda_items')
      .innerJoin('papers', 'papers.id', 'agenda_items.paper_id')
      .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
      .innerJoin('committees', 'committees.id', 'meetings.committee_id')
      .select(['meetings.id', 'meetings.starts_at', 'committees.name'])
      .where('papers.case_id', '=', caseId)
      .where('agenda_items.deleted_at', 'is', null)
      .where('meetings.deleted_at', 'is', null)
      .orderBy('meetings.starts_at')
      .execute(),
  ]);
  return { open, on: on.map((m) => ({ id: m.id, startsAt: m.starts_at, committeeName: m.name })) };
}

/** The user's next meetings, for the front page: members see their committees' published meetings. */
export async function myNextMeetings(database: Database, userId: string, limit = 5): Promise<MeetingWithCommittee[]> {
  const person = await personOfUser(database, userId);
  if (!person) return [];
  const committeeIds = await committeesOfPerson(database, person.id, copenhagenDate(new Date()));
  return listMeetings(database, { includePlanned: false, committeeIds, when: 'upcoming', limit });
}

/**
 * The front page's "Mine næste møder" (a HomeSection, see src/modules/home/routes.tsx): for a
 * council person, their committees' coming meetings with a published agenda; nothing for others
 * (employees follow meetings on /meetings).
 */
export async function meetingsHomeSection(database: Database, user: Actor): Promise<((v: ViewContext) => Child) | null> {
  if (!can(user, 'meetings.view')) return null;
  const person = await personOfUser(database, user.id);
  if (!person) return null;
  const meetings = await myNextMeetings(database, user.id, 5);
  const reader = can(user, 'meetings.read');
  return (v) => <MyNextMeetings v={v} meetings={meetings} reader={reader} />;
}
