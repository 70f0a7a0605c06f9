import type { peopleDa } from './people.da.ts';

export const peopleEn: { readonly [K in keyof typeof peopleDa]: string } = {};
