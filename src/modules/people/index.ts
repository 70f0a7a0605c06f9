// The public entry of the people module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { peopleRoutes } from './routes.tsx';
export {
  createFolder,
  DEFAULT_MAX_PHOTO_BYTES,
  deleteFolder,
  deletePersonalFile,
  type FileRow,
  type FolderRow,
  folderTree,
  getFile,
  getFolder,
  listFolder,
  PERSONAL_FILE_LIMITS,
  type PersonalFileLimits,
  personalFileStats,
  profileDetails,
  recentPersonalFiles,
  renameFolder,
  skillKey,
  updatePersonalFile,
  type UploadFile,
  uploadPersonalFiles,
} from './service.ts';
