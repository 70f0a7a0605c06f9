import { toId } from '../../db/sql.ts';
import { Hono, type Context } from 'hono';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import { formatBytes } from '../../../views/documents/Documents.tsx';
import {
  countText,
  directoryQuery,
  DirectoryPage,
  DirectoryResults,
  type DirectoryState,
} from '../../../views/people/Directory.tsx';
import { ProfileEditPage, ProfilePage, type ProfileFormState } from '../../../views/people/Profile.tsx';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { str } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { acceptsUpload } from '../../http/uploads.ts';
import { sendBlob } from '../../http/send-blob.ts';
import { can } from '../../policy/index.ts';
import { roomsForUser } from '../rooms/index.ts';
import { countDirectory, searchDirectory, unitTree, type DirectoryCursor } from '../org/index.ts';
import {
  DEFAULT_MAX_PHOTO_BYTES,
  MAX_ABOUT,
  MAX_SKILL_LENGTH,
  MAX_SKILLS,
  photoOf,
  popularSkills,
  profileDetails,
  updateProfile,
  type ProfileDetails,
  type ProfileErrors,
  type UploadFile,
} from './service.ts';

/**
 * The people directory and profiles, mounted at /people:
 * - GET  /                    the directory (a GET search form; htmx swaps just the results)
 * - GET  /:username           a profile
 * - GET  /:username/edit      the profile form (one's own; administrators anyone's)
 * - POST /:username           save it (multipart: the photo travels with the form)
 * - GET  /:username/photo     the photo (ETag = its hash; long private cache for versioned URLs)
 */

export interface PeopleRouteOptions {
  /** The largest photo (default 5 MB). */
  maxPhotoBytes?: number;
}

const USERNAME = ':username{[a-z0-9][a-z0-9._-]{0,63}}';

function requirePeopleView(c: Context<AppEnv>): CurrentUser {
  const user = c.get('user');
  if (!can(user, 'people.view')) throw forbidden();
  return user!;
}

export function peopleRoutes(database: Database, blobs: BlobStore, opts: PeopleRouteOptions = {}) {
  const app = new Hono<AppEnv>();
  const maxPhotoBytes = opts.maxPhotoBytes ?? DEFAULT_MAX_PHOTO_BYTES;

  // Skill suggestions change slowly and cost a scan of every skill: keep them for five minutes.
  let suggestions: { at: number; value: Promise<Array<{ skill: string; count: number }>> } | null = null;
  const skillSuggestions = () => {
    if (!suggestions || Date.now() - suggestions.at > 5 * 60_000) {
      const value = popularSkills(database, 40);
      suggestions = { at: Date.now(), value };
      value.catch(() => (suggestions = null));
    }
    return suggestions.value;
  };

  // The profile form carries a photo: allow the photo plus the text fields, no more.
  const photoLimit = acceptsUpload(maxPhotoBytes + 256 * 1024, (c) => {
    const t = c.get('t');
    return render(c as Context<AppEnv>, {
      title: t('error.500.title'),
      status: 413,
      body: () => (
        <p class="card">{t('people.error.photoTooLarge', { size: formatBytes(maxPhotoBytes, c.get('locale')) })}</p>
      ),
    });
  });

  // --- The directory -------------------------------------------------------------------------
  app.get('/', async (c) => {
    requirePeopleView(c);
    const q = c.req.query();
    const t = c.get('t');
    const text = (q.q ?? '').trim().slice(0, 100);
    const skill = (q.skill ?? '').trim().slice(0, 60);
    const units = await unitTree(database);
    const errors: FieldErrors = {};
    let unit = (q.unit ?? '').trim();
    if (unit && !units.some((u) => String(u.id) === unit)) {
      errors.unit = t('people.error.unit');
      unit = '';
    }
    let after: DirectoryCursor | null = null;
    if (q.after) {
      const i = q.after.lastIndexOf('|');
      if (i > 0) after = { name: q.after.slice(0, i), id: q.after.slice(i + 1) };
    }
    const filters = { text, skill, unitId: toId(unit) };
    const [page, total, skills] = await Promise.all([
      searchDirectory(database, { ...filters, after, limit: 50 }),
      countDirectory(database, filters),
      skillSuggestions(),
    ]);
    const s: DirectoryState = {
      text,
      unit,
      skill,
      items: page.items,
      total,
      next: page.next ? directoryQuery({ text, unit, skill }, { after: `${page.next.name}|${page.next.id}` }) : null,
      paged: !!after,
    };
    const searching = !!(text || skill || unit);
    return render(c, {
      title: (v) => (searching ? `${v.t('people.title')}: ${countText(v, total)}` : v.t('people.title')),
      status: Object.keys(errors).length ? 422 : 200,
      body: (v) => <DirectoryPage v={v} s={s} units={units} skills={skills} errors={errors} />,
      fragment: (v) => (
        <>
          <DirectoryResults v={v} s={s} />
          <LiveAnnouncement text={countText(v, total)} />
        </>
      ),
    });
  });

  // --- Profiles ------------------------------------------------------------------------------
  async function loadProfile(c: Context<AppEnv>): Promise<ProfileDetails> {
    const p = await profileDetails(database, c.req.param('username')!);
    if (!p) throw notFound();
    return p;
  }

  app.get(`/${USERNAME}`, async (c) => {
    const user = requirePeopleView(c);
    const p = await loadProfile(c);
    // The person's rooms, as far as the viewer may see them (closed rooms only when they are in them too).
    const rooms = can(user, 'rooms.view') ? await roomsForUser(database, user, 20, p.id) : [];
    return render(c, {
      title: p.displayName,
      body: (v) => (
        <ProfilePage v={v} p={p} rooms={rooms} canEdit={can(user, 'profile.edit', { type: 'user', id: p.id })} />
      ),
    });
  });

  function editPage(
    c: Context<AppEnv>,
    p: ProfileDetails,
    form: ProfileFormState,
    errors: FieldErrors = {},
    status: 200 | 422 = 200,
  ) {
    const own = c.get('user')?.id === p.id;
    return render(c, {
      title: (v) => (own ? v.t('people.edit.own') : v.t('people.edit.other', { name: p.displayName })),
      status,
      body: (v) => (
        <ProfileEditPage v={v} p={p} form={form} errors={errors} maxPhoto={formatBytes(maxPhotoBytes, v.locale)} />
      ),
    });
  }

  app.get(`/${USERNAME}/edit`, async (c) => {
    const user = requirePeopleView(c);
    const p = await loadProfile(c);
    if (!can(user, 'profile.edit', { type: 'user', id: p.id })) throw forbidden();
    return editPage(c, p, { about: p.about ?? '', skills: p.skills.join(', '), removePhoto: false });
  });

  app.post(`/${USERNAME}`, photoLimit, async (c) => {
    const user = requirePeopleView(c);
    const p = await loadProfile(c);
    if (!can(user, 'profile.edit', { type: 'user', id: p.id })) throw forbidden();
    const body = await c.req.parseBody();
    const form: ProfileFormState = {
      about: str(body, 'about', 10_000),
      skills: str(body, 'skills', 10_000),
      removePhoto: body.removePhoto !== undefined,
    };
    let photo: UploadFile | null = null;
    const file = body.photo;
    if (file instanceof File && (file.size > 0 || file.name)) {
      photo = { name: file.name || 'foto', type: file.type, bytes: Buffer.from(await file.arrayBuffer()) };
    }
    const result = await updateProfile(
      database,
      blobs,
      { id: p.id, displayName: p.displayName },
      { ...form, photo },
      { id: user.id, name: user.displayName },
      { ip: c.get('clientIp')(), maxPhotoBytes },
    );
    if (!result.ok) {
      const t = c.get('t');
      const size = formatBytes(maxPhotoBytes, c.get('locale'));
      const errors: FieldErrors = {};
      for (const [field, key] of Object.entries(result.errors) as Array<
        [keyof ProfileErrors, NonNullable<ProfileErrors[keyof ProfileErrors]>]
      >) {
        errors[field] = t(key, { size, max: MAX_SKILLS, length: MAX_SKILL_LENGTH, about: MAX_ABOUT });
      }
      return editPage(c, p, form, errors, 422);
    }
    setFlash(c, { kind: 'success', key: result.changed.length ? 'people.saved' : 'people.unchanged' });
    return c.redirect(`/people/${p.username}`, 303);
  });

  app.get(`/${USERNAME}/photo`, async (c) => {
    requirePeopleView(c);
    const row = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', c.req.param('username'))
      .where('is_active', '=', 1)
      .executeTakeFirst();
    const photo = row ? await photoOf(database, row.id) : null;
    if (!photo || !blobs.exists(photo.sha256)) throw notFound();
    // A URL with the photo's hash in it never changes content: cache it for a year (privately:
    // only signed-in users see photos). Without the hash, the browser asks again each time.
    const versioned = c.req.query('v') === photo.sha256.slice(0, 16);
    return sendBlob(
      c,
      { blobs, sha256: photo.sha256 },
      {
        mime: photo.mime,
        inline: true,
        cacheControl: versioned ? 'private, max-age=31536000, immutable' : 'private, no-cache',
      },
    );
  });

  return app;
}
