// The public entry of the post-list module (postliste): what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { postlistMarkRoutes, postlistRoutes, postlistSection } from './routes.tsx';
export { isoWeekOf, looksLikeCpr, setPostlist } from './service.ts';
