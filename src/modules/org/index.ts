// The public entry of the org module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { orgRoutes } from './routes.tsx';
export {
  colleagues,
  countDirectory,
  type DirectoryCursor,
  directoryPerson,
  type DirectoryPerson,
  directReports,
  profile,
  type Profile,
  searchDirectory,
  searchPeople,
  searchUnits,
  unitPath,
  unitTree,
} from './service.ts';
export { unitLeaders, type LeaderPerson } from './leaders.ts';
export { type UnitMergeStep } from './merge-steps.ts';
export { orgAdminRoutes } from './admin-routes.tsx';
