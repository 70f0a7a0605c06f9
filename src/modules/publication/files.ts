import type { Context } from 'hono';
import type { BlobStore } from '../../files/blobs.ts';
import { notFound } from '../../http/errors.tsx';
import { sendBlob } from '../../http/send-blob.ts';
import { redactSnapshot, type Closures, type MeetingViewer } from './redaction.ts';
import type { PublishedSnapshot, SnapshotAttachment } from './snapshot.ts';

/** The attachment as this viewer may see it in this snapshot (with the meeting's closures), or undefined. */
export function visibleAttachment(
  snapshot: PublishedSnapshot,
  attachmentId: number,
  viewer: MeetingViewer,
  closures: Closures,
): SnapshotAttachment | undefined {
  for (const item of redactSnapshot(snapshot, viewer, closures).items) {
    const found = item.attachments.find((a) => a.id === attachmentId);
    if (found) return found;
  }
  return undefined;
}

/**
 * Sends one attachment of a published version: only when `redactSnapshot` for this viewer and
 * the meeting's closures still lists it (a closed attachment, or any attachment of a closed item,
 * closed in this version or in the meeting's latest agenda or minutes, is "not found" to those
 * who may not see it, exactly like one that does not exist). The file is the one frozen with the
 * version (its blob), never the document's current version.
 *
 * Safe headers, as for case documents: the type recorded at upload (decided from the content),
 * `nosniff`, an RFC 6266 file name, a CSP that allows nothing (and sandboxes downloads); PDFs and images open in the browser unless
 * `download` is asked for, everything else is a download. Public files (viewer without a user)
 * may be cached but must be revalidated (a later version may close them); members' never leave
 * the browser's private cache.
 */
export async function serveSnapshotAttachment(
  c: Context,
  blobs: BlobStore,
  snapshot: PublishedSnapshot,
  attachmentId: number,
  viewer: MeetingViewer,
  closures: Closures,
  opts: { download?: boolean } = {},
): Promise<Response> {
  const attachment = visibleAttachment(snapshot, attachmentId, viewer, closures);
  if (!attachment || !blobs.exists(attachment.blobSha256)) throw notFound();
  return sendBlob(
    c,
    { blobs, sha256: attachment.blobSha256 },
    {
      mime: attachment.mime,
      filename: attachment.filename,
      inline: !opts.download,
      cacheControl: viewer.userId ? 'private, no-cache' : 'public, no-cache',
    },
  );
}
