// The public entry of the me module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { meRoutes } from './routes.tsx';
