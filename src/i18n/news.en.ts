import type { newsDa } from './news.da.ts';

export const newsEn: { readonly [K in keyof typeof newsDa]: string } = {};
