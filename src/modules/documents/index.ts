// The public entry of the documents module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { documentRoutes, documentsSection, type DocumentPageSection } from './routes.tsx';
export {
  addJournalisedDocument,
  addVersion,
  checkFiles,
  DEFAULT_LIMITS,
  finalise,
  getDocument,
  journalise,
  type Limits,
  recentDocumentsByUser,
  uploadDocuments,
  type UploadFile,
  type UploadProblem,
} from './service.ts';
export { extractText } from './extract.ts';
export { documentsCloseCheck } from './close-check.ts';
export { makePdfRendition, type RenditionResult } from './rendition.ts';
