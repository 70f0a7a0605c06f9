// The public entry of the users module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { usersRoutes } from './routes.tsx';
export { passwordResetRoutes } from './reset-routes.tsx';
export { createUser, EMAIL_PATTERN, USERNAME_PATTERN } from './service.ts';
