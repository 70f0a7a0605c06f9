/** Danish messages for the news module. */
export const newsDa = {} as const;
