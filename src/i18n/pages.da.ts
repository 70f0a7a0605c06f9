/** Danish messages for the pages module. */
export const pagesDa = {} as const;
