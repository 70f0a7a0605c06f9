import { Hono, type Context } from 'hono';
import { queryId } from '../../http/forms.ts';
import { ProposePage } from '../../../views/meetings/Propose.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbidden, refused } from '../../http/errors.tsx';
import { render } from '../../http/render.tsx';
import { can } from '../../policy/index.ts';
import { requireCase } from '../cases/index.ts';
import type { MeetingGuards } from './guards.ts';
import { openMeetings } from './items.ts';

/** "Send til udvalg" from the case page, mounted at /meetings: choose an open meeting for a case. */
export function proposalRoutes(database: Database, { viewerUser }: MeetingGuards) {
  const app = new Hono<AppEnv>();

  // --- Sending a case to a committee (from the case page) ----------------------------------
  async function proposeCase(c: Context<AppEnv>) {
    const user = viewerUser(c);
    if (!can(user, 'meetings.propose') && !can(user, 'meetings.manage')) throw forbidden();
    const loaded = await requireCase(database, user, c.req.query('case') ?? '', 'case.view');
    if (loaded.resource.archived) throw refused('cases.error.archivedReadOnly');
    return { id: loaded.row.id, number: loaded.row.number, title: loaded.row.title };
  }

  async function proposePage(
    c: Context<AppEnv>,
    caseRow: { id: number; number: string; title: string },
    error?: string,
  ) {
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
