/** Danish messages for the people module. */
export const peopleDa = {} as const;
