/**
 * The archival version's ID (bek. 128/2020, bilag 4, 4.B.1 and 4.B.4): `AVID.<archive>.<number>`
 * — the prefix AVID, the receiving archive's code of two to four capital letters, and the number
 * the archive hands out (4.B.4.b) — and the name of each delivery medium, that ID with the
 * medium's running number: `AVID.SA.18005.1` is the first (and, for us, only) medium.
 *
 * archiveIndex.xml carries the ID (its schema: `AVID\.[A-ZÆØÅ]{2,4}\.[1-9][0-9]*`); the folder, the
 * paths in fileIndex.xml and `archival_exports.avid` carry the medium's name.
 */

export interface Avid {
  archive: string;
  number: string;
  medium: number;
}

const MEDIA_NAME = /^AVID\.([A-ZÆØÅ]{2,4})\.([1-9][0-9]{0,11})\.([1-9][0-9]{0,2})$/;
export const AVID_NUMBER = /^[1-9][0-9]{0,11}$/;

/** Parses a medium name such as AVID.SA.18005.1; null when it is not one. */
export function parseAvid(text: string): Avid | null {
  const m = MEDIA_NAME.exec(text.trim());
  if (!m) return null;
  return { archive: m[1]!, number: m[2]!, medium: Number(m[3]) };
}

/** The medium's folder name: AVID.SA.18005.1. */
export function mediaName(a: Avid): string {
  return `AVID.${a.archive}.${a.number}.${a.medium}`;
}

/** The archival version's ID without the medium: AVID.SA.18005. */
export function packageId(a: Avid): string {
  return `AVID.${a.archive}.${a.number}`;
}
