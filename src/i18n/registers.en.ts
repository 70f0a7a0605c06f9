import type { registersDa } from './registers.da.ts';

export const registersEn: { readonly [K in keyof typeof registersDa]: string } = {
  'registers.import.error.columns': 'The header row lacks the column(s) {columns}',
  'registers.import.error.cpr': 'The CPR number is not valid (DDMMYY-XXXX with a real date)',
  'registers.import.error.cvr': 'The CVR number is not valid (8 digits that pass the check digit)',
  'registers.import.error.name': 'The name is missing',
  'registers.import.error.flag': 'Protected address and deceased must be 1/0 or yes/no',
  'registers.lookup.button': 'Look up in CPR/CVR',
  'registers.lookup.hint':
    'Fills in name and address from the CPR or CVR register by the number. The look-up is logged on the case.',
  'registers.lookup.needCpr': 'Write the CPR number to look up',
  'registers.lookup.needCvr': 'Write the CVR number to look up',
  'registers.lookup.needKind': 'Choose person or company to look up',
  'registers.lookup.notFound.cpr': 'The CPR number is not in the CPR register',
  'registers.lookup.notFound.cvr': 'The CVR number is not in the CVR register',
  'registers.lookup.failed': 'The register did not answer. Try again shortly, or fill in name and address yourself.',
  'registers.lookup.found': 'Name and address were taken from the register. Check them and add the party.',
  'registers.lookup.ceased':
    'The company has ceased according to the CVR register. Check the details before you add it.',
  'registers.lookup.deceased':
    'The person is deceased according to the CPR register. Check the details before you add the party.',
  'registers.lookup.protectedHidden':
    'The person has name and address protection. The address is not shown; the name was taken from the register.',
  'registers.lookup.protectedShown':
    'The person has name and address protection. The address must not be passed on, not even in letters to others.',
  'audit.action.register.cpr.lookup': 'Looked up {cpr} in the CPR register',
  'audit.action.register.cvr.lookup': 'Looked up CVR number {cvr} in the CVR register',
};
