/** Danish messages for the CPR and CVR registers (src/modules/registers). */
export const registersDa = {
  'registers.import.error.columns': 'Overskriftslinjen mangler kolonnen/kolonnerne {columns}',
  'registers.import.error.cpr': 'CPR-nummeret er ikke gyldigt (DDMMÅÅ-XXXX med en rigtig dato)',
  'registers.import.error.cvr': 'CVR-nummeret er ikke gyldigt (8 cifre, der opfylder kontrolcifferet)',
  'registers.import.error.name': 'Navnet mangler',
  'registers.import.error.flag': 'Adressebeskyttelse og død skal være 1/0 eller ja/nej',
  'registers.lookup.button': 'Slå op i CPR/CVR',
  'registers.lookup.hint':
    'Udfylder navn og adresse fra CPR- eller CVR-registeret ud fra nummeret. Opslaget logges på sagen.',
  'registers.lookup.needCpr': 'Skriv CPR-nummeret, der skal slås op',
  'registers.lookup.needCvr': 'Skriv CVR-nummeret, der skal slås op',
  'registers.lookup.needKind': 'Vælg person eller virksomhed for at slå op',
  'registers.lookup.notFound.cpr': 'CPR-nummeret findes ikke i CPR-registeret',
  'registers.lookup.notFound.cvr': 'CVR-nummeret findes ikke i CVR-registeret',
  'registers.lookup.failed': 'Registeret svarede ikke. Prøv igen om lidt, eller udfyld selv navn og adresse.',
  'registers.lookup.found': 'Navn og adresse er hentet fra registeret. Kontrollér dem, og tilføj parten.',
  'registers.lookup.ceased':
    'Virksomheden er ophørt ifølge CVR-registeret. Kontrollér oplysningerne, før du tilføjer den.',
  'registers.lookup.deceased':
    'Personen er død ifølge CPR-registeret. Kontrollér oplysningerne, før du tilføjer parten.',
  'registers.lookup.protectedHidden':
    'Personen har navne- og adressebeskyttelse. Adressen vises ikke; navnet er hentet fra registeret.',
  'registers.lookup.protectedShown':
    'Personen har navne- og adressebeskyttelse. Adressen må ikke videregives, heller ikke i breve til andre.',
  'audit.action.register.cpr.lookup': 'Slog {cpr} op i CPR-registeret',
  'audit.action.register.cvr.lookup': 'Slog CVR-nummer {cvr} op i CVR-registeret',
} as const;
