import { Hono, type Context } from 'hono';
import { CommitteePage, CommitteesPage } from '../../../views/public/Committees.tsx';
import { MeetingPage, type MeetingPageData } from '../../../views/public/Meeting.tsx';
import { MeetingList, MeetingsPage, type MeetingsData } from '../../../views/public/Meetings.tsx';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import { notFound } from '../../http/errors.tsx';
import type { AppEnv } from '../../http/env.ts';
import { render } from '../../http/render.tsx';
import { copenhagenDate, formatLongDate, startOfCopenhagenDay, translator } from '../../i18n/index.ts';
import { sendBlob } from '../../http/send-blob.ts';
import {
  pdfFilename,
  PUBLIC_VIEWER,
  renderMeetingPdf,
  serveSnapshotAttachment,
  visibleAttachment,
  type MeetingViewer,
  type PublishedVersion,
} from '../publication/index.ts';
import { buildCalendar, type CalendarEvent } from './ical.ts';
import { absoluteUrlCaching, baseUrlOf } from './oparl-http.ts';
import {
  diffVersions,
  listPublicCommittees,
  listPublicMeetings,
  meetingYear,
  publicCommittee,
  publicMeeting,
  publicVersionHistory,
  type PublicMeetingEntry,
} from './public.ts';

/**
 * The political process for everyone, without sign-in, under /public (src/auth/middleware.ts
 * lets /public/ through): the meeting calendar, each meeting's latest published agenda and
 * minutes with their history, attachments, committees with their members, and iCalendar feeds.
 * Everything shown comes from published snapshots through public.ts, which redacts them with
 * `PUBLIC_VIEWER`; a signed-in employee or politician sees exactly what the public sees here.
 */

/** Renders a public PDF of a published version (the agenda PDF library, public audience). */
export type PublicPdfRenderer = (
  version: PublishedVersion,
  viewer: MeetingViewer,
  opts: { merged: boolean; locale: 'da' | 'en' },
) => Promise<Uint8Array>;

const positiveInt = (value: string | undefined): number | null => {
  if (!value || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
};

/** Meetings from the start of today (Copenhagen) on are upcoming; earlier ones are past. */
function split(entries: PublicMeetingEntry[]): { upcoming: PublicMeetingEntry[]; past: PublicMeetingEntry[] } {
  const today = startOfCopenhagenDay(copenhagenDate(new Date())).getTime();
  const upcoming = entries
    .filter((e) => Date.parse(e.startsAt) >= today)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id - b.id);
  const past = entries.filter((e) => Date.parse(e.startsAt) < today);
  return { upcoming, past };
}

export function publicRoutes(
  database: Database,
  blobs: BlobStore,
  config: Pick<Config, 'publicUrl'>,
  options: { renderPdf?: PublicPdfRenderer } = {},
) {
  const app = new Hono<AppEnv>();
  const opts = {
    renderPdf: options.renderPdf ?? ((version, viewer, o) => renderMeetingPdf(database, blobs, version, viewer, o)),
  } satisfies { renderPdf: PublicPdfRenderer };

  app.get('/meetings', async (c) => {
    const committeeId = positiveInt(c.req.query('committee'));
    const year = positiveInt(c.req.query('year'));
    const [all, committees] = await Promise.all([listPublicMeetings(database), listPublicCommittees(database)]);
    const years = [...new Set(all.map(meetingYear))].sort((a, b) => b - a);
    const chosen = all.filter(
      (e) => (committeeId === null || e.committeeId === committeeId) && (year === null || meetingYear(e) === year),
    );
    const d: MeetingsData = {
      filter: {
        committeeId,
        year,
        committees: committees
          .filter((k) => all.some((e) => e.committeeId === k.id))
          .map((k) => ({ id: k.id, name: k.name })),
        years,
      },
      ...split(chosen),
    };
    return render(c, {
      title: (v) => v.t('public.meetings.title'),
      description: (v) => v.t('public.meta.meetings'),
      body: (v) => <MeetingsPage v={v} d={d} />,
      fragment: (v) => <MeetingList v={v} d={d} />,
    });
  });

  app.get('/meetings/calendar.ics', async (c) => {
    const t = translator(c.get('locale'));
    return calendar(c, t('public.calendar.all'), await listPublicMeetings(database));
  });

  app.get('/meetings/:id{[0-9]+}', async (c) => {
    const id = positiveInt(c.req.param('id'));
    const versionParam = c.req.query('version');
    const versionId = versionParam === undefined ? undefined : positiveInt(versionParam);
    if (!id || versionId === null) throw notFound();
    const meeting = await publicMeeting(database, id, {
      versionId,
      kind: c.req.query('show') === 'agenda' ? 'agenda' : undefined,
    });
    if (!meeting) throw notFound();
    const versions = await publicVersionHistory(database, meeting);
    const history = versions
      .map((version) => {
        const previous = versions.find((p) => p.kind === version.kind && p.number === version.number - 1);
        return { version, changes: previous ? diffVersions(previous.snapshot, version.snapshot) : null };
      })
      .sort(
        (a, b) => Date.parse(b.version.publishedAt) - Date.parse(a.version.publishedAt) || b.version.id - a.version.id,
      );
    const d: MeetingPageData = { meeting, history, pdf: !!opts.renderPdf };
    const snap = meeting.shown.snapshot;
    return render(c, {
      title: (v) =>
        `${v.t(snap.kind === 'agenda' ? 'public.meeting.agenda' : 'public.meeting.minutes')}: ${snap.meeting.committeeName}, ${snap.meeting.title}`,
      description: (v) =>
        v.t(snap.kind === 'agenda' ? 'public.meta.meeting.agenda' : 'public.meta.meeting.minutes', {
          committee: snap.meeting.committeeName,
          date: formatLongDate(snap.meeting.startsAt, v.locale),
          title: snap.meeting.title,
        }),
      body: (v) => <MeetingPage v={v} d={d} />,
    });
  });

  app.get('/meetings/:id{[0-9]+}/attachments/:attachmentId{[0-9]+}', async (c) => {
    const id = positiveInt(c.req.param('id'));
    const attachmentId = positiveInt(c.req.param('attachmentId'));
    const versionParam = c.req.query('version');
    const versionId = versionParam === undefined ? undefined : positiveInt(versionParam);
    if (!id || !attachmentId || versionId === null) throw notFound();
    const meeting = await publicMeeting(database, id, { versionId });
    if (!meeting) throw notFound();
    // The version asked for; else the latest minutes, then the latest agenda.
    const candidates =
      versionId !== undefined
        ? [meeting.shown]
        : [meeting.minutes, meeting.agenda].filter((v): v is PublishedVersion => !!v);
    const version =
      candidates.find((v) => visibleAttachment(v.snapshot, attachmentId, PUBLIC_VIEWER, meeting.closures)) ??
      candidates[0]!;
    return serveSnapshotAttachment(c, blobs, version.snapshot, attachmentId, PUBLIC_VIEWER, meeting.closures, {
      download: c.req.query('download') === '1',
    });
  });

  app.get('/meetings/:id{[0-9]+}/pdf', async (c) => {
    const id = positiveInt(c.req.param('id'));
    const versionParam = c.req.query('version');
    const versionId = versionParam === undefined ? undefined : positiveInt(versionParam);
    if (!opts.renderPdf || !id || versionId === null) throw notFound();
    const meeting = await publicMeeting(database, id, { versionId });
    if (!meeting) throw notFound();
    const version = meeting.shown;
    const merged = c.req.query('merged') === '1';
    const bytes = await opts.renderPdf(version, PUBLIC_VIEWER, { merged, locale: c.get('locale') });
    const name = pdfFilename(version, c.get('locale'), merged);
    return sendBlob(
      c,
      { bytes },
      {
        mime: 'application/pdf',
        filename: name,
        inline: c.req.query('download') !== '1',
        cacheControl: 'public, no-cache',
      },
    );
  });

  app.get('/committees', async (c) => {
    const committees = await listPublicCommittees(database);
    return render(c, {
      title: (v) => v.t('public.committees.title'),
      description: (v) => v.t('public.meta.committees'),
      body: (v) => <CommitteesPage v={v} committees={committees} />,
    });
  });

  app.get('/committees/:id{[0-9]+}', async (c) => {
    const id = positiveInt(c.req.param('id'));
    const found = id ? await publicCommittee(database, id) : undefined;
    if (!found) throw notFound();
    const { upcoming, past } = split(await listPublicMeetings(database, { committeeId: found.committee.id }));
    const d = { ...found, upcoming: upcoming.slice(0, 6), past: past.slice(0, 6) };
    return render(c, {
      title: found.committee.name,
      description: (v) => v.t('public.meta.committee', { name: found.committee.name }),
      body: (v) => <CommitteePage v={v} d={d} />,
    });
  });

  app.get('/committees/:id{[0-9]+}/calendar.ics', async (c) => {
    const id = positiveInt(c.req.param('id'));
    const found = id ? await publicCommittee(database, id) : undefined;
    if (!found) throw notFound();
    const t = translator(c.get('locale'));
    return calendar(
      c,
      t('public.calendar.name', { name: found.committee.name }),
      await listPublicMeetings(database, { committeeId: found.committee.id }),
    );
  });

  /** A feed of meetings from a year ago on (older ones are history, not calendar). */
  function calendar(c: Context<AppEnv>, name: string, entries: PublicMeetingEntry[]) {
    const t = translator(c.get('locale'));
    const base = baseUrlOf(c, config);
    const host = new URL(base).hostname;
    const since = Date.now() - 366 * 24 * 3600_000;
    const events: CalendarEvent[] = entries
      .filter((e) => Date.parse(e.startsAt) >= since)
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id - b.id)
      .map((e) => {
        const url = `${base}/public/meetings/${e.id}`;
        const summary = `${e.committeeName}: ${e.title}`;
        return {
          uid: `meeting-${e.id}@${host}`,
          summary: e.status === 'cancelled' ? t('public.calendar.cancelled', { summary }) : summary,
          startsAt: e.startsAt,
          endsAt: e.endsAt,
          location: e.location,
          url,
          description: t('public.calendar.description', { url }),
          cancelled: e.status === 'cancelled',
          modifiedAt: e.modifiedAt,
          sequence: e.versions.length - 1 + (e.status === 'cancelled' ? 1 : 0),
        };
      });
    return sendBlob(
      c,
      { bytes: Buffer.from(buildCalendar({ name, events })) },
      {
        mime: 'text/calendar; charset=utf-8',
        filename: 'moeder.ics',
        inline: true,
        cacheControl: absoluteUrlCaching(config, 'max-age=300'),
        compress: true,
      },
    );
  }

  return app;
}
