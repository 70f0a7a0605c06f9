// The public entry of the notifications module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { notificationRoutes } from './routes.tsx';
export { digestJob, listNotifications, notify, setMailContext, touchLastSeen, unreadCount } from './service.ts';
