// The public entry of the directory-import module: what src/app.tsx, scripts and seeds may use (layout rule module-internal-import).
export { FAMILIES, type FormatChoice } from './formats.ts';
export type { Plan } from './plan.ts';
export {
  applyImport,
  createImport,
  getImport,
  readFiles,
  type ApplyResult,
  type FileError,
  type ImportRow,
  type UploadedFile,
} from './service.ts';
export { directoryImportRoutes } from './routes.tsx';
