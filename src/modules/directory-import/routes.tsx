import { Hono, type Context } from 'hono';
import {
  detailTitle,
  ImportDetailPage,
  ImportPage,
  type ImportFormState,
} from '../../../views/directory-import/Import.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import type { Database } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { acceptsUpload } from '../../http/uploads.ts';
import { can } from '../../policy/index.ts';
import { FAMILIES, type FormatChoice } from './formats.ts';
import { applyImport, copyImport, createImport, discardImport, getImport, listImports, readFiles } from './service.ts';

/** A municipality's people file with 10,000 rows is about 2 MB; 20 MB leaves room and stops abuse. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const MAX_SIZE_LABEL = '20 MB';
const ENVELOPE = 64 * 1024;

function require(c: Context<AppEnv>): CurrentUser {
  const user = c.get('user');
  if (!can(user, 'users.import')) throw forbidden();
  return user!;
}

const isFormat = (v: unknown): v is FormatChoice =>
  typeof v === 'string' && (FAMILIES as readonly string[]).includes(v);

/**
 * Administration → Import af personer og enheder, mounted at /admin/import ('users.import'):
 * - GET  /                  the upload form and the earlier imports
 * - POST /                  read and plan the files, store the preview → /:id
 * - GET  /:id               the preview (planned) or the report (applied, refused, discarded)
 * - POST /:id/application   apply exactly the previewed plan
 * - POST /:id/deletion      discard a preview
 * - POST /:id/copy          a new preview of the same files (after a refusal)
 */
export function directoryImportRoutes(database: Database) {
  const app = new Hono<AppEnv>();

  const page = async (c: Context<AppEnv>, form: ImportFormState, status: 200 | 422 = 200) => {
    const imports = await listImports(database, 20);
    return render(c, {
      title: (v) => v.t('dirimport.title'),
      status,
      body: (v) => <ImportPage v={v} form={form} imports={imports} maxSize={MAX_SIZE_LABEL} />,
    });
  };

  app.get('/', (c) => {
    require(c);
    return page(c, { format: 'auto', deactivateMissing: false, errors: {} });
  });

  const uploadLimit = acceptsUpload(IMPORT_MAX_BYTES + ENVELOPE, (c) => {
    require(c);
    const t = c.get('t');
    return page(
      c,
      {
        format: 'auto',
        deactivateMissing: false,
        errors: { 'import-files': t('dirimport.error.tooLarge', { size: MAX_SIZE_LABEL }) },
      },
      422,
    );
  });

  app.post('/', uploadLimit, async (c) => {
    const user = require(c);
    const t = c.get('t');
    const body = await c.req.parseBody({ all: true });
    const format = isFormat(body.format) ? body.format : null;
    const deactivateMissing = body.deactivateMissing !== undefined;
    const raw = body.files;
    const files = (Array.isArray(raw) ? raw : [raw]).filter(
      (f): f is File => f instanceof File && (f.size > 0 || !!f.name),
    );
    const errors: FieldErrors = {};
    if (!format) errors['import-format'] = t('dirimport.error.format');
    if (!files.length) errors['import-files'] = t('dirimport.error.noFiles');
    const form: ImportFormState = { format: format ?? 'auto', deactivateMissing, errors };
    if (Object.keys(errors).length || !format) return page(c, form, 422);

    const uploads = await Promise.all(
      files.map(async (f) => ({ name: f.name || 'fil.csv', bytes: new Uint8Array(await f.arrayBuffer()) })),
    );
    const read = readFiles(uploads, format);
    if (!read.ok) {
      errors['import-files'] = read.errors
        .map((e) => t(`dirimport.file.${e.code}`, { file: e.file, line: e.line ?? 1 }))
        .join(' ');
      return page(c, form, 422);
    }
    const { id } = await createImport(database, {
      files: read.files,
      sha256: read.sha256,
      options: { format, deactivateMissing },
      actor: actorOf(user),
      source: 'web',
    });
    return c.redirect(`/admin/import/${id}`, 303);
  });

  const load = async (c: Context<AppEnv>) => {
    const id = toId(c.req.param('id'));
    const row = id ? await getImport(database, id) : null;
    if (!row) throw notFound();
    return row;
  };

  app.get('/:id', async (c) => {
    require(c);
    const row = await load(c);
    return render(c, { title: (v) => detailTitle(v, row), body: (v) => <ImportDetailPage v={v} row={row} /> });
  });

  app.post('/:id/application', async (c) => {
    const user = require(c);
    const row = await load(c);
    const result = await applyImport(database, row.id, actorOf(user), { ip: c.get('clientIp')() });
    if (result.ok) setFlash(c, { kind: 'success', key: 'dirimport.flash.applied' });
    else if (result.reason === 'stale') setFlash(c, { kind: 'error', key: 'dirimport.flash.stale' });
    else if (result.reason === 'errors') setFlash(c, { kind: 'error', key: 'dirimport.flash.errors' });
    return c.redirect(`/admin/import/${row.id}`, 303);
  });

  app.post('/:id/deletion', async (c) => {
    require(c);
    const row = await load(c);
    if (await discardImport(database, row.id)) setFlash(c, { kind: 'success', key: 'dirimport.flash.discarded' });
    return c.redirect(`/admin/import/${row.id}`, 303);
  });

  app.post('/:id/copy', async (c) => {
    const user = require(c);
    const row = await load(c);
    const copy = await copyImport(database, row.id, actorOf(user));
    return c.redirect(`/admin/import/${copy!.id}`, 303);
  });

  return app;
}
