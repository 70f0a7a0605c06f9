import { Hono, type Context } from 'hono';
import { toId } from '../../db/sql.ts';
import { KlePage, KleReportPage, reportTitle, type KleFormState } from '../../../views/admin/Kle.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { render } from '../../http/render.tsx';
import { acceptsUpload } from '../../http/uploads.ts';
import type { T } from '../../i18n/index.ts';
import { can, type Action } from '../../policy/index.ts';
import { FACET_ROOT, KleParseError, SUBJECT_ROOT } from './parse.ts';
import { getImport, importFacets, importSubjects, kleOverview, listImports, type KleImportKind } from './service.ts';

/** KL's full subject plan with keywords is about 7 MB; 20 MB leaves room and stops abuse. */
export const KLE_MAX_BYTES = 20 * 1024 * 1024;
const MAX_SIZE_LABEL = '20 MB';
/** Multipart framing around the file. */
const ENVELOPE = 64 * 1024;

function require(c: Context<AppEnv>, action: Action): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}

function isKind(value: unknown): value is KleImportKind {
  return value === 'subjects' || value === 'facets';
}

/** The text of an uploaded XML file: UTF-8 (KL's files), or the encoding its declaration names. */
function decode(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    head.replace(/^\uFEFF|^ï»¿/, ''),
  )?.[1];
  try {
    return new TextDecoder(declared && !/^utf-?8$/i.test(declared) ? declared : 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A parse failure as the message for the file field, in the reader's language. */
function parseErrorMessage(t: T, err: KleParseError, kind: KleImportKind): string {
  switch (err.code) {
    case 'empty':
      return t('kle.error.empty');
    case 'not_xml':
      return t('kle.error.notXml');
    case 'doctype':
      return t('kle.error.doctype');
    case 'malformed':
      return t('kle.error.malformed', { line: err.detail.line ?? 1, column: err.detail.column ?? 1 });
    case 'wrong_root':
      if (kind === 'subjects' && err.detail.root === FACET_ROOT) return t('kle.error.isFacets');
      if (kind === 'facets' && err.detail.root === SUBJECT_ROOT) return t('kle.error.isSubjects');
      return t('kle.error.wrongRoot', {
        root: err.detail.root ?? '?',
        expected: kind === 'subjects' ? SUBJECT_ROOT : FACET_ROOT,
      });
    case 'invalid':
      return t('kle.error.invalid', { detail: err.message });
  }
}

/**
 * Administration → KLE, mounted at /admin/kle: the plan in use, the latest imports with their
 * reports, and an upload form for a newer plan from KL. Viewing needs 'admin.view'; importing
 * needs 'kle.import' (administrators and records managers).
 *
 * KL's full plan is several MB, more than the app's form limit (BODY_LIMIT_BYTES, 1 MB by
 * default): POST /admin/kle/imports declares an upload of KLE_MAX_BYTES and a little envelope.
 */
export function kleRoutes(database: Database) {
  const app = new Hono<AppEnv>();

  const page = async (c: Context<AppEnv>, form: KleFormState, status: 200 | 422 = 200) => {
    const [overview, imports] = await Promise.all([kleOverview(database), listImports(database, 10)]);
    return render(c, {
      title: (v) => v.t('kle.title'),
      status,
      body: (v) => <KlePage v={v} overview={overview} imports={imports} form={form} maxSize={MAX_SIZE_LABEL} />,
    });
  };

  app.get('/', (c) => {
    require(c, 'admin.view');
    return page(c, { kind: 'subjects', errors: {} });
  });

  // A bigger request is refused before it is read, with the form's own message (to importers only).
  const uploadLimit = acceptsUpload(KLE_MAX_BYTES + ENVELOPE, (c) => {
    require(c, 'kle.import');
    return page(
      c,
      { kind: '', errors: { 'kle-file': c.get('t')('kle.error.tooLarge', { size: MAX_SIZE_LABEL }) } },
      422,
    );
  });

  app.post('/imports', uploadLimit, async (c) => {
    const user = require(c, 'kle.import');
    const t = c.get('t');
    const errors: FieldErrors = {};
    const body = await c.req.parseBody();
    const kind = isKind(body.kind) ? body.kind : null;
    const file = body.file;
    if (!kind) errors['kle-kind'] = t('kle.error.kind');
    if (!(file instanceof File) || (file.size === 0 && !file.name)) errors['kle-file'] = t('kle.error.noFile');
    else if (file.size === 0) errors['kle-file'] = t('kle.error.empty');
    else if (file.size > KLE_MAX_BYTES) errors['kle-file'] = t('kle.error.tooLarge', { size: MAX_SIZE_LABEL });
    const form: KleFormState = { kind: kind ?? '', errors };
    if (Object.keys(errors).length || !(file instanceof File) || !kind) return page(c, form, 422);

    const xml = decode(new Uint8Array(await file.arrayBuffer()));
    if (xml === null) {
      errors['kle-file'] = t('kle.error.encoding');
      return page(c, form, 422);
    }
    const actor = { id: user.id, name: user.displayName };
    const opts = { ip: c.get('clientIp')() };
    let result;
    try {
      result =
        kind === 'subjects'
          ? await importSubjects(database, xml, actor, opts)
          : await importFacets(database, xml, actor, opts);
    } catch (err) {
      if (!(err instanceof KleParseError)) throw err;
      errors['kle-file'] = parseErrorMessage(t, err, kind);
      return page(c, form, 422);
    }
    const counts = result.report.counts;
    setFlash(c, {
      kind: 'success',
      key: 'kle.imported',
      params: { added: counts.added, retitled: counts.retitled, expired: counts.expired, missing: counts.missing },
    });
    return c.redirect(`/admin/kle/imports/${result.importId}`, 303);
  });

  app.get('/imports/:id', async (c) => {
    require(c, 'admin.view');
    const id = toId(c.req.param('id'));
    const row = id ? await getImport(database, id) : null;
    if (!row) throw notFound();
    return render(c, { title: (v) => reportTitle(v, row), body: (v) => <KleReportPage v={v} row={row} /> });
  });

  return app;
}
