// The public entry of the pages module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { pageReviewJob } from './reviews.ts';
export { pageRoutes } from './routes.tsx';
export {
  addDays,
  createPage,
  type DiffPart,
  emptyPageInput,
  getPage,
  type PageActor,
  searchPages,
  updatePage,
  wordDiff,
} from './service.ts';
