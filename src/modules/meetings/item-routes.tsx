import { Hono, type Context } from 'hono';
import { toId } from '../../db/sql.ts';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import { ItemFormPage, type ItemFormData } from '../../../views/meetings/ItemForm.tsx';
import { AgendaItemsList } from '../../../views/meetings/MeetingPage.tsx';
import { auditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbidden, notFound, refused } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { render, wantsFragment } from '../../http/render.tsx';
import { copenhagenDate } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import { requireCase } from '../cases/index.ts';
import { membersOn } from './committees.ts';
import { list, str, translateErrors } from '../../http/forms.ts';
import { readItemForm } from './form-input.ts';
import type { MeetingGuards } from './guards.ts';
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
  removeDisqualification,
  removeItem,
  reorderItems,
  updateItem,
  type ItemInput,
} from './items.ts';
import { getMeeting, type MeetingWithCommittee } from './meetings.ts';

/**
 * Agenda items, mounted at /meetings: a new item (by the secretariat, or by a caseworker from a
 * case), editing, removing, ordering, conflicts of interest and sending on to a later meeting.
 */
export function itemRoutes(database: Database, { viewerUser, loadMeeting }: MeetingGuards) {
  const app = new Hono<AppEnv>();

  // --- Items -----------------------------------------------------------------------------
  /** The item form's data; `caseId` for a new item from a case. */
  async function itemForm(
    c: Context<AppEnv>,
    o: {
      meeting: MeetingWithCommittee;
      mode: 'new' | 'edit';
      itemId?: number;
      caseRow?: { id: number; number: string; title: string } | null;
      input: ItemInput;
      errors?: FieldErrors;
      disqualify?: ItemFormData['disqualify'];
      forwardError?: string;
      status?: 200 | 422;
    },
  ) {
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
      caseRow:
        o.caseRow ??
        (item?.case_id ? { id: item.case_id, number: item.case_number ?? '', title: item.case_title ?? '' } : null),
      documents,
      input: o.input,
      errors: o.errors ?? {},
      members: members.map((m) => ({ personId: m.personId, name: m.name, party: m.party })),
      disqualify: o.disqualify ?? { personId: '', reason: '', keptOut: true, errors: {} },
      targets,
      forwardError: o.forwardError,
    };
    return render(c, {
      title: (v) =>
        o.mode === 'new'
          ? v.t('meetings.item.newTitle')
          : v.t('meetings.item.editTitle', { number: item?.number ?? '' }),
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
    if (!result.ok)
      return itemForm(c, { meeting, mode: 'new', caseRow, input, errors: translateErrors(c.get('t'), result.errors) });
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
    if (!result.ok)
      return itemForm(c, {
        meeting,
        mode: 'edit',
        itemId: item.id,
        input,
        errors: translateErrors(c.get('t'), result.errors),
      });
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
  async function afterMove(
    c: Context<AppEnv>,
    meeting: MeetingWithCommittee,
    moved: { itemId: number; direction: 'up' | 'down' } | null,
  ) {
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
          <LiveAnnouncement
            text={
              item
                ? v.t('meetings.editor.moved', { title: item.title, number: item.number })
                : v.t('meetings.editor.reordered')
            }
          />
        </>
      ),
    });
  }

  app.post('/:id{[0-9]+}/items/:itemId{[0-9]+}/position', async (c) => {
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
    const order = list(await c.req.parseBody({ all: true }), 'order')
      .map(toId)
      .filter((n): n is number => n !== null);
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
    const dq = {
      personId: str(body, 'personId', 20),
      reason: str(body, 'reason', 600),
      keptOut: body.keptOut !== undefined,
    };
    const result = await addDisqualification(database, auditActor(user), meeting, item, dq);
    if (!result.ok) {
      return itemForm(c, {
        meeting,
        mode: 'edit',
        itemId: item.id,
        input: await inputFromItem(database, item),
        disqualify: { ...dq, errors: translateErrors(c.get('t'), result.errors) },
        status: 422,
      });
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
    const result = target
      ? await forwardItem(database, auditActor(user), meeting, item, target)
      : ({ ok: false, error: 'meetings.error.meeting' } as const);
    if (!result.ok) {
      return itemForm(c, {
        meeting,
        mode: 'edit',
        itemId: item.id,
        input: await inputFromItem(database, item),
        forwardError: c.get('t')(result.error),
        status: 422,
      });
    }
    setFlash(c, { kind: 'success', key: 'meetings.item.forwarded' });
    return c.redirect(`/meetings/${result.meetingId}#agenda-items`, 303);
  });

  return app;
}
