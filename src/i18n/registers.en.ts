import type { registersDa } from './registers.da.ts';

export const registersEn: { readonly [K in keyof typeof registersDa]: string } = {
  'registers.import.error.columns': 'The header row lacks the column(s) {columns}',
  'registers.import.error.cpr': 'The CPR number is not valid (DDMMYY-XXXX with a real date)',
  'registers.import.error.cvr': 'The CVR number is not valid (8 digits that pass the check digit)',
  'registers.import.error.name': 'The name is missing',
  'registers.import.error.flag': 'Protected address and deceased must be 1/0 or yes/no',
  'audit.action.register.cpr.lookup': 'Looked up {cpr} in the CPR register',
  'audit.action.register.cvr.lookup': 'Looked up CVR number {cvr} in the CVR register',
};
