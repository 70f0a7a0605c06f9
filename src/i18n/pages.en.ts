import type { pagesDa } from './pages.da.ts';

export const pagesEn: { readonly [K in keyof typeof pagesDa]: string } = {};
