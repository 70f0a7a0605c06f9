import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFound } from '../../http/errors.tsx';
import { sendBlob } from '../../http/send-blob.ts';
import {
  approvalState,
  meetingClosures,
  pdfFilename,
  publishedVersions,
  renderMeetingPdf,
  serveSnapshotAttachment,
  viewerFor,
} from '../publication/index.ts';
import type { MeetingGuards } from './guards.ts';

/** A published version's PDFs and attachments, mounted at /meetings. */
export function versionRoutes(database: Database, blobs: BlobStore, { loadMeeting }: MeetingGuards) {
  const app = new Hono<AppEnv>();

  // --- PDF and attachments of a published version -----------------------------------------
  // The agenda or the minutes as PDF (`?version=n`, `?attachments=1` for the merged file), built
  // from the published version redacted for this viewer. Minutes are for the members and the
  // secretariat while they await approval, for everyone once approved.
  for (const kind of ['agenda', 'minutes'] as const) {
    app.get(`/:id{[0-9]+}/${kind}.pdf`, async (c) => {
      const { user, meeting } = await loadMeeting(c);
      const viewer = await viewerFor(database, user, meeting);
      if (kind === 'minutes' && !meeting.minutes_published_at && !viewer.secretariat && !viewer.member)
        throw notFound();
      const versions = await publishedVersions(database, meeting.id, kind);
      const wanted = c.req.query('version');
      const version = wanted ? versions.find((v) => String(v.number) === wanted) : versions.at(-1);
      if (!version) throw notFound();
      const merged = c.req.query('attachments') === '1';
      const minutes =
        kind === 'minutes'
          ? {
              approvals: (await approvalState(database, version)).approvals.map((a) => ({
                member: a.name,
                at: a.approvedAt,
              })),
              seal: version.sha256,
            }
          : {};
      const pdf = await renderMeetingPdf(database, blobs, version, viewer, {
        merged,
        locale: c.get('locale'),
        ...minutes,
      });
      return sendBlob(
        c,
        { bytes: pdf },
        {
          mime: 'application/pdf',
          filename: pdfFilename(version, c.get('locale'), merged),
          inline: c.req.query('download') !== '1',
          cacheControl: 'private, no-store',
        },
      );
    });
  }

  app.get('/:id{[0-9]+}/versions/:n{[0-9]+}/attachments/:aid{[0-9]+}', async (c) => {
    const { user, meeting } = await loadMeeting(c);
    const version = (await publishedVersions(database, meeting.id, 'agenda')).find(
      (v) => v.number === Number(c.req.param('n')),
    );
    if (!version) throw notFound();
    const [viewer, closures] = await Promise.all([
      viewerFor(database, user, meeting),
      meetingClosures(database, meeting.id),
    ]);
    return serveSnapshotAttachment(c, blobs, version.snapshot, Number(c.req.param('aid')), viewer, closures, {
      download: c.req.query('download') === '1',
    });
  });

  return app;
}
