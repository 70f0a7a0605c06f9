// The public entry of the rooms module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { follow } from './membership.ts';
export { renderPost } from './post-body.ts';
export { REACTION_KINDS } from './reactions.ts';
export { roomsForUser } from './rooms.ts';
export { roomRoutes } from './routes.tsx';
export { myRoomsSection, roomsHomeSection, roomsSearchSection } from './sections.tsx';
export { saveTags } from './threads.ts';
