/** Test files come from the same makers as the demo seed's. */
export { makeDocx, makeEml, makePdf } from '../../seeds/files.ts';
