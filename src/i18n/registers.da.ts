/** Danish messages for the CPR and CVR registers (src/modules/registers). */
export const registersDa = {
  'registers.import.error.columns': 'Overskriftslinjen mangler kolonnen/kolonnerne {columns}',
  'registers.import.error.cpr': 'CPR-nummeret er ikke gyldigt (DDMMÅÅ-XXXX med en rigtig dato)',
  'registers.import.error.cvr': 'CVR-nummeret er ikke gyldigt (8 cifre, der opfylder kontrolcifferet)',
  'registers.import.error.name': 'Navnet mangler',
  'registers.import.error.flag': 'Adressebeskyttelse og død skal være 1/0 eller ja/nej',
  'audit.action.register.cpr.lookup': 'Slog {cpr} op i CPR-registeret',
  'audit.action.register.cvr.lookup': 'Slog CVR-nummer {cvr} op i CVR-registeret',
} as const;
