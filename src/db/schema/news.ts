/**
 * Table types for the news module (the news migration creates them). Merged into DB in
 * src/db/schema.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface NewsTables {}
