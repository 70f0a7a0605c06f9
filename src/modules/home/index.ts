// The public entry of the home module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { homeRoutes, type HomeSection } from './routes.tsx';
