// The public entry of the sso module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { ssoAdminRoutes } from './admin-routes.tsx';
export { ssoLoginOptions, ssoLoginRoutes, ssoSignOutRedirect } from './routes.tsx';
export { ssoUnitMergeSteps } from './unit-merge.ts';
