/**
 * Table types for the people module (the people migration creates them). Merged into DB in
 * src/db/schema.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PeopleTables {}
