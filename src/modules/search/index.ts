// The public entry of the search module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { searchRoutes } from './routes.tsx';
