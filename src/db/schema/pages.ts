/**
 * Table types for the pages module (the pages migration creates them). Merged into DB in
 * src/db/schema.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PagesTables {}
