// The public entry of the admin module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { adminRoutes } from './routes.tsx';
export { logoRoutes, type SettingsRoutesOptions } from './settings-routes.tsx';
export type { ElsewhereSetting, SettingSection } from './settings-registry.ts';
