// The public entry of the access-requests module (aktindsigt): what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { requireAccessRequest, type AccessRequestRow, type LoadedRequest } from './access.ts';
export { accessRequestRoutes } from './routes.tsx';
