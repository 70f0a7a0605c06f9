import { toId } from '../../db/sql.ts';
import type { Child } from 'hono/jsx';
import { Hono, type Context } from 'hono';
import {
  DocumentPage,
  DocumentsSection,
  formatBytes,
  type UploadFormState,
} from '../../../views/documents/Documents.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str, translateErrors } from '../../http/forms.ts';
import { render, viewContext } from '../../http/render.tsx';
import { acceptsUpload } from '../../http/uploads.ts';
import type { Locale, T } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import { requireCase, type LoadedCase } from '../cases/index.ts';
import { describeCaseRead } from '../cases/index.ts';
import type { CasePageRenderer, CasePageSection } from '../cases/index.ts';
import { inlineSafe, sendBlob } from '../../http/send-blob.ts';
import {
  addVersion,
  finalise,
  getDocument,
  getVersion,
  journalise,
  listDocuments,
  listVersions,
  updateMeta,
  uploadDocuments,
  type DocumentRow,
  type Limits,
  type MetaErrors,
  type UploadFile,
  type UploadMeta,
  type UploadProblem,
} from './service.ts';

/**
 * Documents on a case, under /cases/:id/documents. Every route loads the case through
 * requireCase, so a confidential case's documents (and their downloads) answer 404 to outsiders
 * exactly like the case itself, and every change to an archived case's documents is refused there.
 */

export interface DocumentLimits extends Limits {
  /** The largest whole upload request. */
  maxRequestBytes: number;
}

function maxSizeLabel(limits: Limits, locale: Locale) {
  return formatBytes(limits.maxFileBytes, locale);
}

function problemsToErrors(
  t: T,
  problems: UploadProblem[],
  metaErrors: MetaErrors,
  limits: Limits,
  locale: Locale,
): FieldErrors {
  const errors: FieldErrors = {};
  const lines = problems.map((p) => t(p.key, { file: p.file ?? '', size: maxSizeLabel(limits, locale) }));
  if (lines.length) errors.files = lines.join(' · ');
  return { ...errors, ...translateErrors(t, metaErrors, { title: 'doc-title' }) };
}

async function readFiles(body: Record<string, unknown>, field: string): Promise<UploadFile[]> {
  const raw = body[field];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const files: UploadFile[] = [];
  for (const f of list) {
    if (f instanceof File && (f.size > 0 || f.name))
      files.push({ name: f.name || 'fil', type: f.type, bytes: Buffer.from(await f.arrayBuffer()) });
  }
  return files;
}

function readMeta(body: Record<string, unknown>): UploadMeta {
  return {
    title: str(body, 'title', 300),
    direction: str(body, 'direction', 20),
    documentDate: str(body, 'documentDate', 20),
    sender: str(body, 'sender', 300),
    recipient: str(body, 'recipient', 300),
  };
}

/** The documents section of the case page. `state` carries an upload form with errors. */
export function documentsSection(database: Database, limits: Limits): CasePageSection {
  return async (c, loaded, state) => {
    const user = c.get('user')!;
    const items = await listDocuments(database, loaded.row.id);
    return (
      <DocumentsSection
        v={viewContext(c)}
        caseId={loaded.row.id}
        items={items}
        canUpload={can(user, 'case.edit', loaded.resource)}
        form={state as UploadFormState | undefined}
        maxSize={maxSizeLabel(limits, c.get('locale'))}
      />
    );
  };
}

/**
 * A section another module adds to the document page: given the request, the case and the
 * document, its content, or null to show nothing. Handed in by src/app.tsx, so documents imports
 * no such module: `underHeading` (the letters module: a sent letter's delivery status) and `side`
 * (the post list: the mark and its public title, at the top of the side column).
 */
export type DocumentPageSection = (c: Context<AppEnv>, loaded: LoadedCase, doc: DocumentRow) => Promise<Child | null>;

export interface DocumentPageSections {
  underHeading?: DocumentPageSection[];
  side?: DocumentPageSection[];
}

export function documentRoutes(
  database: Database,
  blobs: BlobStore,
  limits: DocumentLimits,
  renderCase: CasePageRenderer,
  sections: DocumentPageSections = {},
) {
  const app = new Hono<AppEnv>();

  const uploadLimit = acceptsUpload(limits.maxRequestBytes, (context) => {
    const c = context as Context<AppEnv>;
    const t = c.get('t');
    return render(c, {
      title: t('error.500.title'),
      status: 413,
      body: () => (
        <p class="card">
          {t('documents.error.requestTooLarge', { size: formatBytes(limits.maxRequestBytes, c.get('locale')) })}
        </p>
      ),
    });
  });

  async function loadDoc(c: Context<AppEnv>, action: 'case.view' | 'case.edit' | 'case.journalise' = 'case.view') {
    const loaded = await requireCase(database, c.get('user'), c.req.param('id')!, action);
    const docId = toId(c.req.param('docId'));
    const doc = docId ? await getDocument(database, loaded.row.id, docId) : undefined;
    if (!doc) throw notFound();
    return { loaded, doc };
  }

  async function documentPage(
    c: Context<AppEnv>,
    loaded: LoadedCase,
    docId: number,
    errors: FieldErrors = {},
    meta?: UploadMeta,
    status: 200 | 422 = 200,
  ) {
    const user = c.get('user')!;
    const doc = (await getDocument(database, loaded.row.id, docId))!;
    const sectionsOf = async (list: DocumentPageSection[] = []) =>
      (await Promise.all(list.map((section) => section(c, loaded, doc)))).filter((x) => x != null);
    const [versions, current, attachments, parent, underHeading, side] = await Promise.all([
      listVersions(database, doc.id),
      getVersion(database, doc.id, doc.current_version),
      database.db
        .selectFrom('documents')
        .select(['id', 'title'])
        .where('parent_id', '=', doc.id)
        .orderBy('id')
        .execute(),
      doc.parent_id
        ? database.db.selectFrom('documents').select(['id', 'title']).where('id', '=', doc.parent_id).executeTakeFirst()
        : Promise.resolve(undefined),
      sectionsOf(sections.underHeading),
      sectionsOf(sections.side),
    ]);
    const editable = can(user, 'case.edit', loaded.resource);
    return render(c, {
      title: `${doc.title} · ${loaded.row.number}`,
      status,
      body: (v) => (
        <DocumentPage
          v={v}
          caseRow={loaded.row}
          doc={doc}
          versions={versions}
          current={current!}
          attachments={attachments}
          parent={parent ?? null}
          allowed={{ edit: editable, journalise: editable && can(user, 'case.journalise', loaded.resource) }}
          errors={errors}
          meta={meta}
          maxSize={maxSizeLabel(limits, c.get('locale'))}
          sections={side}
          extra={underHeading}
        />
      ),
    });
  }

  app.post('/:id{[0-9]+}/documents', uploadLimit, async (c) => {
    const user = c.get('user')!;
    const loaded = await requireCase(database, user, c.req.param('id'), 'case.edit');
    const body = await c.req.parseBody({ all: true });
    const files = await readFiles(body, 'files');
    const meta = readMeta(body);
    const result = await uploadDocuments(database, blobs, loaded.row, files, meta, actorOf(user), {
      limits,
      ip: c.get('clientIp')(),
    });
    if (!result.ok) {
      const errors = problemsToErrors(c.get('t'), result.problems, result.metaErrors, limits, c.get('locale'));
      return renderCase(c, loaded, {
        status: 422,
        sectionState: { documents: { meta, errors } satisfies UploadFormState },
      });
    }
    const count = result.ids.length;
    setFlash(
      c,
      result.blocked > 0
        ? { kind: 'info', key: 'documents.uploadedBlocked', params: { count, blocked: result.blocked } }
        : result.textFailed > 0
          ? count === 1
            ? { kind: 'info', key: 'documents.uploadedOneTextFailed' }
            : { kind: 'info', key: 'documents.uploadedTextFailed', params: { count, failed: result.textFailed } }
          : count === 1
            ? { kind: 'success', key: 'documents.uploadedOne' }
            : { kind: 'success', key: 'documents.uploaded', params: { count } },
    );
    return c.redirect(`/cases/${loaded.row.id}#documents`, 303);
  });

  app.get('/:id{[0-9]+}/documents/:docId{[0-9]+}', async (c) => {
    const { loaded, doc } = await loadDoc(c);
    return documentPage(c, loaded, doc.id);
  });

  app.post('/:id{[0-9]+}/documents/:docId{[0-9]+}', async (c) => {
    const user = c.get('user')!;
    const { loaded, doc } = await loadDoc(c, 'case.edit');
    const meta = readMeta(await c.req.parseBody());
    const result = await updateMeta(database, loaded.row, doc, meta, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      const t = c.get('t');
      const errors: FieldErrors =
        'errors' in result
          ? Object.fromEntries(Object.entries(result.errors).map(([k, key]) => [k, t(key!)]))
          : { title: t(result.error) };
      return documentPage(c, loaded, doc.id, errors, meta, 422);
    }
    setFlash(c, { kind: 'success', key: 'documents.saved' });
    return c.redirect(`/cases/${loaded.row.id}/documents/${doc.id}`, 303);
  });

  app.post('/:id{[0-9]+}/documents/:docId{[0-9]+}/journalisation', async (c) => {
    const user = c.get('user')!;
    const { loaded, doc } = await loadDoc(c, 'case.journalise');
    const result = await journalise(database, loaded.row, doc, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) return documentPage(c, loaded, doc.id, { journalise: c.get('t')(result.error) }, undefined, 422);
    setFlash(c, { kind: 'success', key: 'documents.journalised', params: { number: result.number } });
    return c.redirect(`/cases/${loaded.row.id}/documents/${doc.id}`, 303);
  });

  app.post('/:id{[0-9]+}/documents/:docId{[0-9]+}/finalisation', async (c) => {
    const user = c.get('user')!;
    const { loaded, doc } = await loadDoc(c, 'case.journalise');
    const result = await finalise(database, blobs, loaded.row, doc, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) return documentPage(c, loaded, doc.id, { finalise: c.get('t')(result.error) }, undefined, 422);
    setFlash(c, {
      kind: result.rendition === 'made' || result.rendition === 'not_needed' ? 'success' : 'info',
      key: 'documents.finalised',
    });
    return c.redirect(`/cases/${loaded.row.id}/documents/${doc.id}`, 303);
  });

  app.post('/:id{[0-9]+}/documents/:docId{[0-9]+}/versions', uploadLimit, async (c) => {
    const user = c.get('user')!;
    const { loaded, doc } = await loadDoc(c, 'case.edit');
    const body = await c.req.parseBody({ all: true });
    const [file] = await readFiles(body, 'file');
    const note = str(body, 'note', 1000);
    if (!file)
      return documentPage(c, loaded, doc.id, { 'version-file': c.get('t')('documents.error.noFiles') }, undefined, 422);
    const result = await addVersion(database, blobs, loaded.row, doc, file, note, actorOf(user), {
      limits,
      ip: c.get('clientIp')(),
    });
    if (!result.ok) {
      const errors = problemsToErrors(c.get('t'), result.problems, {}, limits, c.get('locale'));
      return documentPage(c, loaded, doc.id, { 'version-file': errors.files ?? '' }, undefined, 422);
    }
    setFlash(c, { kind: 'success', key: 'documents.versionAdded', params: { version: result.version } });
    return c.redirect(`/cases/${loaded.row.id}/documents/${doc.id}`, 303);
  });

  /**
   * Downloads, with sendBlob()'s safe headers: the stored type (decided from the content at
   * upload, never the browser's word), nosniff, an RFC 6266 file name, attachment unless it is a
   * PDF or an image shown in our own page, and a sandboxing CSP for everything not shown inline.
   */
  async function sendFile(c: Context<AppEnv>, which: 'original' | 'rendition') {
    const { loaded, doc } = await loadDoc(c);
    const version = await getVersion(database, doc.id, toId(c.req.param('v')) ?? 0);
    if (!version) throw notFound();
    const sha = which === 'original' ? version.blob_sha256 : version.rendition_sha256;
    if (!sha || !blobs.exists(sha)) throw notFound();
    const mime = which === 'original' ? version.mime : 'application/pdf';
    const filename = which === 'original' ? version.filename : `${version.filename.replace(/\.[^.]+$/, '')}.pdf`;
    const inline = c.req.query('inline') === '1' && inlineSafe(mime);
    // Logged by caseReads() (cases/reads.ts) before the file is sent, for citizen and
    // confidential cases; an <img> or <script> elsewhere asking for it gets 404 there.
    describeCaseRead(c, {
      action: 'document.download',
      summary: `${inline ? 'Viewed' : 'Downloaded'} ${which} of "${doc.title}" v${version.version} on ${loaded.row.number}`,
      details: { document: doc.id, version: version.version, which, inline },
      confidentialToo: true,
    });
    return sendBlob(c, { blobs, sha256: sha }, { mime, filename, inline, cacheControl: 'private, no-cache' });
  }

  app.get('/:id{[0-9]+}/documents/:docId{[0-9]+}/versions/:v{[0-9]+}/file', (c) => sendFile(c, 'original'));
  app.get('/:id{[0-9]+}/documents/:docId{[0-9]+}/versions/:v{[0-9]+}/rendition', (c) => sendFile(c, 'rendition'));

  return app;
}
