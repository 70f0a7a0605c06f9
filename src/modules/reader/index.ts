/**
 * The politicians' reader, mounted at /reader: my committees' meetings from their published
 * versions, "what changed", personal notes, search and the offline service worker. Members
 * approve minutes here (through the minutes module).
 */
export { readerRoutes } from './routes.tsx';
export { searchReader, type ReaderHit } from './search.ts';
export { noteKey, type NoteTarget, type ReaderNote } from './notes.ts';
export type { ItemChange, ReaderItem, ReaderListEntry, ReaderMeeting } from './reader.ts';
