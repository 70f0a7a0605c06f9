import type { Context } from 'hono';
import { formatBytes } from '../../../views/documents/Documents.tsx';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound, renderError } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { acceptsUpload } from '../../http/uploads.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import { DEFAULT_LIMITS, type Limits, type UploadFile, type UploadProblem } from '../documents/index.ts';
import { requireRoom, type LoadedRoom, type RoomActor, type RoomNeed } from './access.ts';
import type { QuotaExceeded } from '../../files/quotas.ts';
import { openReportCount } from './moderation.ts';

/**
 * What every rooms routes file shares: the limits, form helpers, and the one way into a room,
 * `load()` (requireRoom, access.ts), which answers 404 to outsiders of a closed room. Built once
 * per router by `roomRoutes()` (routes.tsx) and handed to each routes file.
 */

export interface RoomLimits extends Limits {
  /** The largest upload request (several files). */
  maxRequestBytes: number;
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = { ...DEFAULT_LIMITS, maxRequestBytes: 200 * 1024 * 1024 };

import { actorOf } from '../../http/forms.ts';

export { actorOf, str, translateErrors as translate } from '../../http/forms.ts';

export async function readFiles(body: Record<string, unknown>, field: string): Promise<UploadFile[]> {
  const raw = body[field];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const files: UploadFile[] = [];
  for (const f of list) {
    if (f instanceof File && (f.size > 0 || f.name))
      files.push({ name: f.name || 'fil', type: f.type, bytes: Buffer.from(await f.arrayBuffer()) });
  }
  return files;
}

export function quotaText(c: Context<AppEnv>, q: QuotaExceeded): string {
  const bytes = (n: number) => formatBytes(n, c.get('locale'));
  return c.get('t')('roomfiles.error.quota', { used: bytes(q.used), quota: bytes(q.quota), adding: bytes(q.adding) });
}

export function problemsText(c: Context<AppEnv>, problems: UploadProblem[], limits: Limits): string {
  const t = c.get('t');
  const size = formatBytes(limits.maxFileBytes, c.get('locale'));
  return problems.map((p) => t(p.key, { file: p.file ?? '', size })).join(' · ');
}

export type Flash = { kind: 'success' | 'info' | 'error'; key: MessageKey; params?: Record<string, string | number> };

export interface RoomRouteContext {
  database: Database;
  blobs: BlobStore;
  limits: RoomLimits;
  /** The largest file, for the upload forms' hints. */
  maxSize: (c: Context<AppEnv>) => string;
  /** The body limit of the upload routes. */
  uploadLimit: ReturnType<typeof acceptsUpload>;
  /** The signed-in user who may use rooms at all (404 when not signed in, 403 without rooms.view). */
  viewer: (c: Context<AppEnv>) => CurrentUser;
  /** The room of the address (`:id`) for `need`: 404 for outsiders, 403 for a member lacking the right. */
  load: (c: Context<AppEnv>, need?: RoomNeed) => Promise<{ user: CurrentUser; actor: RoomActor; room: LoadedRoom }>;
  ip: (c: Context<AppEnv>) => { ip: string };
  /** Open reports, for the owners' navigation badge (0 for others). */
  reportsOf: (room: LoadedRoom) => Promise<number>;
  /** POST-redirect-GET, with an optional flash. */
  back: (c: Context<AppEnv>, path: string, flash?: Flash) => Response;
}

export function roomRouteContext(database: Database, blobs: BlobStore, limits: RoomLimits): RoomRouteContext {
  const maxSize = (c: Context<AppEnv>) => formatBytes(limits.maxFileBytes, c.get('locale'));

  const uploadLimit = acceptsUpload(limits.maxRequestBytes, (c) =>
    renderError(
      c as Context<AppEnv>,
      413,
      (c as Context<AppEnv>).get('t')('roomfiles.error.requestTooLarge', {
        size: formatBytes(limits.maxRequestBytes, (c as Context<AppEnv>).get('locale')),
      }),
    ),
  );

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
  const reportsOf = (room: LoadedRoom) =>
    room.rights.own ? openReportCount(database, room.row.id) : Promise.resolve(0);
  const back = (
    c: Context<AppEnv>,
    path: string,
    flash?: { kind: 'success' | 'info' | 'error'; key: MessageKey; params?: Record<string, string | number> },
  ) => {
    if (flash) setFlash(c, flash);
    return c.redirect(path, 303);
  };

  return { database, blobs, limits, maxSize, uploadLimit, viewer, load, ip, reportsOf, back };
}
