// The public entry of the news module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { unitsCovered } from './audience.ts';
export { REACTION_KINDS } from './model.ts';
export { newsRoutes } from './routes.tsx';
export { newsForUser, searchNews } from './service.ts';
export { newsUnitMergeSteps } from './unit-merge.ts';
