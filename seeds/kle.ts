import type { Database } from '../src/db/index.ts';
import { mapBevaring, type ParsedFacet, type ParsedSubject } from '../src/modules/kle/index.ts';
import { storeFacetPlan, storeSubjectPlan } from '../src/modules/kle/index.ts';

/**
 * A realistic selection of the KLE plan for the demo municipality: every main group, and the
 * groups and subjects a municipality files under most (political organisation, finance, planning,
 * building, housing, schools, day care, social services, health, staff, purchasing).
 *
 * Where the data comes from, so that nothing here is invented:
 * - Main groups (numbers and titles): KLE as reproduced in the Danish public-sector standard for IT
 *   system specifications (data.gov.dk, "Bilag A: Klassifikation KLE"); 00, 01 and 03 also checked
 *   in KL's own XML, 02 in KL's description of KLE. The list includes 86–88 (newer main groups),
 *   so they are here too.
 * - Groups and subjects, their titles, retention codes (BevaringJaevnfoerArkivloven) and the
 *   retirement dates of the few retired numbers: KL's KLE-Emneplan XML published 2015-08-01
 *   (KLE-Emneplan_Version2-0_2015-08-01.xml), read element by element. 00.01.00, 00.01.10,
 *   00.03.00, 00.03.02 and 00.03.04 were also checked against KL's 2025-05-01 plan: same titles
 *   and codes. Titles may have been reworded since 2015 (e.g. 02.34 refers to BR10); importing
 *   KL's current plan on Administration → KLE updates them and reports what changed.
 * - 02.00 "Byggeri" and 02.00.01 "Hegnssyn": KL's own description of KLE (videncenter.kl.dk,
 *   "Datastruktur med KLE"); that page gives no retention, so 02.00.01 has none.
 * - Retention years for "K": KL's 2015 plan gives every current K subject read here
 *   SletningJaevnfoerPersondataloven P1800D, i.e. about 5 years after the case closes.
 * - Action facets: only those whose number and title KL's own guidance texts name verbatim
 *   ("G01 Generelle sager", "P19 Godkendelser", "Ø54 Kontrakter", "K01 Revision",
 *   "G20 (Kurser og kursusafholdelse)", "K09 'Tilsyn med udøvende virksomhed'",
 *   "Ø47 'Fritagelse for betaling'"). KL's facet file itself could not be consulted, so the other
 *   facets and the category titles are not here; the category titles below are placeholders
 *   ("Kategori G"), not KL's wording. Import KL's KLE-Handlingsfacetter file to get them all.
 *
 * Numbers in groups and subjects are kept as KL writes them, so a later import of KL's plan lines
 * up with these rows (it updates titles and adds what is missing; it never deletes).
 */

/** The plan these groups and subjects were taken from. */
export const KLE_SEED_PUBLISHED = '2015-08-01';

/** KL's recommended deletion period for K subjects in the 2015 plan. */
const DELETION_PERIOD_2015 = 'P1800D';

/** [number, title] */
const MAIN_GROUPS: Array<[string, string]> = [
  ['00', 'Kommunens styrelse'],
  ['01', 'Fysisk planlægning og naturbeskyttelse'],
  ['02', 'Byggeri'],
  ['03', 'Boliger'],
  ['04', 'Parker, fritids-/idrætsanlæg og landskabspleje mv.'],
  ['05', 'Veje og trafik'],
  ['06', 'Spildevand og vandløb'],
  ['07', 'Affald og genanvendelse'],
  ['08', 'Havne og lufthavne'],
  ['09', 'Miljøbeskyttelse'],
  ['13', 'Forsyning'],
  ['14', 'Beredskab'],
  ['15', 'Arbejdsmarked og beskæftigelsesindsats'],
  ['17', 'Folkeskoleundervisning'],
  ['18', 'Folkeoplysning og ungdomsskoler'],
  ['19', 'Kulturhistoriske institutioner'],
  ['20', 'Kulturvirksomhed'],
  ['21', 'Biblioteker'],
  ['22', 'Regulering af private erhverv'],
  ['23', 'Borgerlige forhold'],
  ['24', 'Erhvervsforhold'],
  ['25', 'Beskatning'],
  ['27', 'Social service'],
  ['28', 'Dagtilbud'],
  ['29', 'Sundhed'],
  ['30', 'Andre myndigheders opgaver'],
  ['32', 'Kontante ydelser'],
  ['54', 'Uddannelse'],
  ['81', 'Kommunens personale'],
  ['82', 'Kommunens ejendomme og lokaler'],
  ['83', 'Kommunens driftsmidler og inventar'],
  ['84', 'Offentlige valg'],
  ['85', 'Kommunens administrative systemer'],
  ['86', 'Kommunens selvforsyning og fremstillingsvirksomhed'],
  ['87', 'Kommunens arbejdsmiljø'],
  ['88', 'Kommunens indkøb og udbud'],
];

/**
 * Groups: [number, title, null?, retired date?]; subjects: [number, title, KL retention code, retired date?].
 * A retired number keeps KL's "[udgået]" title and its UdgaaetDato; cases filed under it stay valid.
 */
const ROWS: Array<[string, string, (string | null)?, string?]> = [
  ['00.01', 'Kommunens styrelse'],
  ['00.01.00', 'Kommunens styrelse i almindelighed', 'B'],
  ['00.01.10', 'Opgaver der dækker flere hovedgrupper', 'B'],
  ['00.03', 'International virksomhed og EU'],
  ['00.03.00', 'International virksomhed og EU i almindelighed', 'K'],
  ['00.03.01', 'Europarådet [udgået]', 'K', '1996-01-01'],
  ['00.03.02', 'Internationale organisationers virksomhed', 'K'],
  ['00.03.04', 'Regionaludvikling EU', 'K'],
  ['00.03.08', 'EU-interessevaretagelse', 'K'],
  ['00.03.10', 'Internationalt samarbejde', 'K'],
  ['00.05', 'Besøg, repræsentation mv.'],
  ['00.05.00', 'Besøg, repræsentation mv. i almindelighed', 'K'],
  ['00.05.01', 'Venskabsbysamarbejde', 'K'],
  ['00.05.03', 'Festdage, mærkedage og jubilæer', 'K'],
  ['00.05.06', 'Receptioner', 'K'],
  ['00.05.07', 'Hædersbevisninger, priser og prisuddelinger', 'K'],
  ['00.05.09', 'Indsamlinger', 'K'],
  ['00.05.10', 'Gaver til og fra kommunen/institutionen', 'K'],
  ['00.05.11', 'Besøg til og fra kommunen/modtagelse af gæster', 'K'],
  ['00.05.12', 'Udstillinger på rådhuse mv.', 'K'],
  ['00.05.15', 'Indvielser, rejsegilder', 'K'],
  ['00.06', 'Administration af fonde, legater og stiftelser'],
  ['00.06.00', 'Administration af fonde, legater og stiftelser i almindelighed', 'B'],
  ['00.06.02', 'Fundats', 'B'],
  ['00.06.04', 'Ansøgninger og udbetalinger af legater', 'B'],
  ['00.07', 'Forvaltningsprincipper'],
  ['00.07.00', 'Forvaltningsprincipper i almindelighed', 'B'],
  ['00.07.01', 'Inhabilitet - forvaltningsprincipper', 'B'],
  ['00.07.02', 'Vejledning og partsrepræsentation - forvaltningsprincipper', 'B'],
  ['00.07.03', 'Partens aktindsigt - forvaltningsprincipper', 'B'],
  ['00.07.04', 'Partshøring - forvaltningsprincipper', 'B'],
  ['00.07.05', 'Begrundelser i afgørelser - forvaltningsprincipper', 'B'],
  ['00.07.06', 'Klagevejledning - forvaltningsprincipper', 'B'],
  ['00.07.07', 'Tavshedspligt - forvaltningsprincipper', 'B'],
  ['00.07.08', 'Videregivelse af oplysninger til anden forvaltningsmyndighed', 'B'],
  ['00.07.10', 'Notatpligt mv.', 'B'],
  ['00.07.15', 'God forvaltningsskik', 'B'],
  ['00.07.20', 'Videreanvendelse af den offentlige sektors informationer', 'B'],
  ['00.07.40', 'Opbygning af borgerrådgiverfunktion', 'B'],
  ['00.08', 'Civilt beredskab [udgået]', null, '2011-11-01'],
  ['00.08.00', 'Civilt beredskab i almindelighed [udgået]', 'B', '2011-11-01'],
  ['00.13', 'Kommunikations- og informationsvirksomhed'],
  ['00.13.00', 'Kommunikations- og informationsvirksomhed i almindelighed', 'B'],
  ['00.13.02', 'Markedsføring og PR-virksomhed', 'B'],
  ['00.13.04', 'Kommunikationsvirksomhed', 'B'],
  ['00.13.06', 'Informationsvirksomhed', 'B'],
  ['00.22', 'Kommunalbestyrelsen, udvalg mv. - kommuners styrelse'],
  ['00.22.00', 'Kommunalbestyrelsen, udvalg mv. - kommuners styrelse i almindelighed', 'B'],
  ['00.22.02', 'Kommunalbestyrelsen - kommuners styrelse', 'B'],
  ['00.22.04', 'Udvalg, bestyrelser mv. - kommuners styrelse', 'B'],
  ['00.24', 'Kommunale sammenslutninger, foreninger mv.'],
  ['00.24.00', 'Kommunale sammenslutninger, foreninger mv. i almindelighed', 'B'],
  ['00.30', 'Budget - kommunens økonomiske forvaltning'],
  ['00.30.00', 'Budget - kommunens økonomiske forvaltning i almindelighed', 'B'],
  ['00.30.02', 'Budgetmetoder og -principper', 'B'],
  ['00.30.04', 'Budgetforudsætninger', 'B'],
  ['00.30.06', 'Lånebegrænsninger/rammer', 'B'],
  ['00.30.08', 'Anlægsbudgetter', 'B'],
  ['00.30.10', 'Årsbudgetter og flerårige budgetoverslag', 'B'],
  ['00.30.12', 'Decentrale budgetter', 'B'],
  ['00.30.14', 'Budgetopfølgninger', 'B'],
  ['00.30.18', 'Tillægsbevillinger', 'B'],
  ['00.32', 'Regnskab - kommunens økonomiske forvaltning'],
  ['00.32.00', 'Regnskab - kommunens økonomiske forvaltning i almindelighed', 'B'],
  ['00.32.02', 'Regnskabsregler (principper og procedurer)', 'B'],
  ['00.32.04', 'Anlægsregnskaber', 'B'],
  ['00.32.05', 'Anlægsaktiver', 'B'],
  ['00.32.06', 'Grønne regnskaber', 'B'],
  ['00.32.10', 'Årsregnskaber', 'B'],
  ['00.32.12', 'Halvårsregnskaber', 'B'],
  ['00.32.13', 'Decentrale regnskaber', 'B'],
  ['00.32.14', 'Likviditet', 'B'],
  ['00.32.16', 'Pengeanbringelser', 'B'],
  ['00.32.18', 'Kassebeholdning', 'B'],
  ['00.32.22', 'Købsmoms og registreret moms', 'B'],
  ['00.32.28', 'Kommunal udligning og generelle tilskud til kommuner', 'B'],
  ['00.34', 'Lån og låneoptagelse - kommunens økonomiske forvaltning'],
  ['00.34.00', 'Lån og låneoptagelse - kommunens økonomiske forvaltning i almindelighed', 'B'],
  ['00.34.05', 'Realkreditlån og kreditforeningslån', 'B'],
  ['00.36', 'Pantebreve, obligationer og aktier'],
  ['00.36.00', 'Pantebreve, obligationer og aktier i almindelighed', 'B'],
  ['01.00', 'Fysisk planlægning og naturbeskyttelse'],
  ['01.00.00', 'Fysisk planlægning og naturbeskyttelse i almindelighed', 'B'],
  ['01.00.05', 'Byudvikling', 'B'],
  ['01.00.10', 'Kommunens fysiske afgrænsning, areal', 'B'],
  ['01.01', 'Landsplandirektiver mv. og regional udviklingsplanlægning'],
  ['01.01.00', 'Landsplandirektiver mv. og regional udviklingsplanlægning i almindelighed', 'K'],
  ['01.01.01', 'Landsplanlægning', 'K'],
  ['01.01.02', 'Regional udviklingsplanlægning', 'K'],
  ['01.01.03', 'Tillæg til regionplanen [udgået]', 'K', '2013-11-01'],
  ['01.02', 'Kommuneplanlægning og lokalplanlægning'],
  ['01.02.00', 'Kommuneplanlægning og lokalplanlægning i almindelighed', 'B'],
  ['01.02.03', 'Kommuneplanlægning', 'B'],
  ['01.02.05', 'Lokalplanlægning', 'B'],
  ['01.02.07', 'Forbud i henhold til planlovens § 12 og § 14', 'B'],
  ['01.02.15', 'Tillæg til kommuneplanen', 'B'],
  ['01.02.16', 'Udbygningsaftaler om infrastruktur', 'B'],
  ['01.02.17', 'Uformelle planer (bydelsplaner, masterplaner, mobilitetsplaner mv.)', 'B'],
  ['01.02.20', 'Vindmølleplanlægning', 'B'],
  ['01.02.25', 'Agenda 21', 'B'],
  ['01.02.27', 'Servitutter', 'B'],
  ['02.00', 'Byggeri'],
  ['02.00.01', 'Hegnssyn', null],
  ['02.25', 'Brandværnsforanstaltninger for skorstene og ildsteder'],
  ['02.25.00', 'Brandværnsforanstaltninger for skorstene og ildsteder i almindelighed', 'K'],
  ['02.25.01', 'Tilrettelæggelse af lovpligtigt skorstensfejerarbejde', 'K'],
  ['02.25.05', 'Rensning af skorstene mv.', 'K'],
  ['02.25.06', 'Brandpræventivt tilsyn', 'K'],
  ['02.30', 'Byggetilladelse og anmeldelse om byggearbejde (BR, Bygningsreglementet) [udgået]', null, '2010-11-01'],
  ['02.30.00', 'Byggetilladelse og anmeldelse om byggearbejde (BR) i almindelighed [udgået]', 'B', '2010-11-01'],
  ['02.30.02', 'BR Byggetilladelse [udgået]', 'B', '2010-11-01'],
  ['02.34', 'Byggetilladelse og anmeldelse om byggearbejde (BR10)'],
  ['02.34.00', 'Byggetilladelse og anmeldelse om byggearbejde (BR10) i almindelighed', 'B'],
  ['02.34.02', 'Byggetilladelse', 'B'],
  ['02.34.04', 'Anmeldelse om byggearbejde', 'B'],
  ['03.00', 'Boliger'],
  ['03.00.00', 'Boliger i almindelighed', 'B'],
  ['03.00.01', 'Kvotetildeling og ønsker', 'B'],
  ['03.00.05', 'Frigørelse for visse tilskudsbestemmelser - boliger', 'B'],
  ['03.00.07', 'Opskrivning af værdien af ejendomme med tilskudsdeklaration', 'B'],
  ['03.00.12', 'Ejendomme med hjemfaldsklausuler, frikøb mv.', 'B'],
  ['03.00.20', 'Salg af almene familieboliger som ejerboliger', 'B'],
  ['03.01', 'Benyttelse af boliger'],
  ['03.01.00', 'Benyttelse af boliger i almindelighed', 'B'],
  ['03.01.02', 'Sammenlægning af boliger', 'B'],
  ['03.01.03', 'Nedlæggelse af boliger', 'B'],
  ['03.01.04', 'Ændret benyttelse af boliger', 'B'],
  ['03.01.05', 'Omlægning af boligform, herunder tilbudspligt mv.', 'B'],
  ['03.01.10', 'Anvisningsret i private udlejningsejendomme', 'B'],
  ['03.02', 'Almene boliger, nybyggeri og renovering'],
  ['03.02.00', 'Almene boliger, nybyggeri og renovering i almindelighed', 'K'],
  ['03.02.10', 'Finansiering og grundkapital - almene boliger', 'K'],
  ['17.04', 'Folkeskoleaktiviteter og -arrangementer'],
  ['17.04.00', 'Folkeskoleaktiviteter og -arrangementer i almindelighed', 'K'],
  ['17.04.02', 'Skolehaver', 'K'],
  ['17.04.03', 'Stævner, folkeskoleaktiviteter', 'K'],
  ['17.04.04', 'Lejrskoler/ekskursioner', 'K'],
  ['17.04.05', 'Temadage, folkeskoleaktiviteter', 'K'],
  ['17.04.06', 'Featureuger, folkeskoleaktiviteter', 'K'],
  ['17.04.07', 'Kulturelle folkeskolearrangementer/fester', 'K'],
  ['17.04.09', 'Hygiejniske forhold for elever', 'K'],
  ['17.04.11', 'Legetøj og spil, folkeskoleaktiviteter', 'K'],
  ['17.04.13', 'Udeskole/naturklasse', 'K'],
  ['17.04.16', 'Naturskoler', 'K'],
  ['17.04.18', 'Skolebespisning, kantine/skolemælk', 'K'],
  ['17.04.19', 'Gæstelærere, folkeskoleaktiviteter', 'K'],
  ['17.04.20', 'Skolepatruljer', 'K'],
  ['17.04.22', 'Skoleblade', 'K'],
  ['17.04.23', 'Udvekslinger, folkeskoleaktiviteter', 'K'],
  ['17.04.25', 'Erhvervspraktik, folkeskole', 'K'],
  ['17.04.30', 'Skoleårets begyndelse og afslutning', 'K'],
  ['17.04.32', 'Skolehistoriske samlinger', 'K'],
  ['17.05', 'Folkeskolens prøver'],
  ['17.05.00', 'Folkeskolens prøver i almindelighed', 'K'],
  ['27.57', 'Botilbud'],
  ['27.57.00', 'Botilbud i almindelighed', 'K'],
  ['27.57.04', 'Midlertidige botilbud efter servicelovens § 107', 'K'],
  ['27.57.08', 'Længerevarende botilbud efter servicelovens § 108', 'K'],
  ['27.57.12', 'Krisecentre', 'K'],
  ['27.57.16', 'Midlertidige botilbud efter servicelovens § 110 (forsorgshjem og herberger)', 'K'],
  ['27.60', 'Hjælpemidler, forbrugsgoder, boligindretning m.v.'],
  ['27.60.00', 'Hjælpemidler, forbrugsgoder, boligindretning m.v. i almindelighed', 'K'],
  ['27.60.04', 'Kropsbårne hjælpemidler', 'K'],
  ['27.60.08', 'Mobilitetshjælpemidler', 'K'],
  ['27.60.12', 'Hjælpemidler (ikke kropsbårne eller mobilitetshjælpemidler)', 'K'],
  ['27.60.14', 'Velfærdsteknologiske hjælpemidler', 'K'],
  ['27.60.16', 'Forbrugsgoder', 'K'],
  ['27.60.20', 'Støtte til bil efter serviceloven', 'K'],
  ['27.60.24', 'Boligindretning', 'K'],
  ['27.60.28', 'Støtte til individuel befordring', 'K'],
  ['27.63', 'Pasning af nærtstående med handicap'],
  ['27.63.00', 'Pasning af nærtstående med handicap i almindelighed', 'K'],
  ['27.63.04', 'Pasning af nærtstående med handicap eller alvorlig sygdom', 'K'],
  ['27.66', 'Magtanvendelse m.v.'],
  ['27.66.00', 'Magtanvendelse m.v. i almindelighed', 'B'],
  ['28.06', 'Rammer for dag-, fritids- og klubtilbud'],
  ['28.06.00', 'Rammer for dag-, fritids- og klubtilbud i almindelighed', 'B'],
  ['28.06.04', 'Kommunens mål og rammer for dag-, fritids- og klubtilbud', 'B'],
  ['28.06.08', 'Rammer for tilsyn, dag-, fritids- og klubtilbud', 'B'],
  ['28.06.12', 'Støtte til børn efter dagtilbudsloven', 'B'],
  ['28.06.16', 'Børnenormering/-tal', 'B'],
  ['28.09', 'Dagtilbud til børn indtil skolestart'],
  ['28.09.00', 'Dagtilbud til børn indtil skolestart i almindelighed', 'K'],
  ['28.09.04', 'Pædagogisk læreplan', 'K'],
  ['28.09.08', 'Sprogvurdering og sprogstimulering', 'K'],
  ['28.09.12', 'Børnemiljø m.v., dagtilbud', 'K'],
  ['28.09.16', 'Forældrebestyrelser og principper for dagtilbuddets arbejde', 'K'],
  ['28.09.20', 'Madordning, dagtilbud', 'K'],
  ['28.09.24', 'Forældrekontakt/-samarbejde, dagtilbud', 'K'],
  ['28.09.28', 'Aktiviteter/arrangementer, dagtilbud', 'K'],
  ['28.09.32', 'Børnenes sikkerhed, dagtilbud', 'K'],
  ['28.09.36', 'Hygiejniske forhold og sygdomme, dagtilbud', 'K'],
  ['28.09.40', 'Optagelse i dagtilbud / plads i anden kommune / opsigelse', 'K'],
  ['28.09.44', 'Forældrebetaling for dagtilbud', 'K'],
  ['28.09.48', 'Fripladstilskud i dagtilbud', 'K'],
  ['29.06', 'Medfinansiering af sundhedsvæsenet'],
  ['29.06.00', 'Medfinansiering af sundhedsvæsenet i almindelighed', 'B'],
  ['29.06.04', 'Aktivitetsbestemt medfinansiering af sundhedsvæsenet', 'B'],
  ['29.06.08', 'Medfinansiering af sygehusbehandling, ambulant og under indlæggelse', 'B'],
  ['29.09', 'Forebyggelse og sundhedsfremme'],
  ['29.09.00', 'Forebyggelse og sundhedsfremme i almindelighed', 'B'],
  ['29.09.04', 'Borgerrettet forebyggelse', 'B'],
  ['29.09.08', 'Patientrettet forebyggelse', 'B'],
  ['29.09.12', 'Sundhedsprofiler', 'B'],
  ['29.09.15', 'Patientsikkerhed', 'B'],
  ['29.12', 'Forebyggende sundhedsydelser til børn og unge'],
  ['29.12.00', 'Forebyggende sundhedsydelser til børn og unge i almindelighed', 'B'],
  ['29.12.04', 'Sundhedstjeneste til børn og unge i skolen', 'B'],
  ['29.12.08', 'Sundhedspleje til børn i eget hjem', 'B'],
  ['29.12.12', 'Sundhedsmæssige ydelser til børn og unge m.fl. med særlige behov', 'B'],
  ['81.37', 'Retræte-/seniorordninger'],
  ['81.37.00', 'Retræte-/seniorordninger i almindelighed', 'K'],
  ['81.38', 'Samarbejds-/MED-udvalg, tillidsrepræsentanter'],
  ['81.38.00', 'Samarbejds-/MED-udvalg, tillidsrepræsentanter i almindelighed', 'B'],
  ['81.38.01', 'Kommunernes samarbejdsnævn', 'B'],
  ['81.38.02', 'Koordinationsudvalg', 'B'],
  ['81.38.03', 'Centraludvalg', 'B'],
  ['81.38.04', 'Hovedsamarbejdsudvalg', 'B'],
  ['81.38.05', 'Lokalsamarbejdsudvalg', 'B'],
  ['81.38.06', 'Samarbejds-/MED-udvalgets underudvalg', 'B'],
  ['81.38.07', 'Kontaktudvalg', 'B'],
  ['81.38.08', 'Tillidsrepræsentanter', 'B'],
  ['81.39', 'Uddannelse af personale og folkevalgte'],
  ['81.39.00', 'Uddannelse af personale og folkevalgte i almindelighed', 'K'],
  ['81.39.10', 'Ekstern uddannelse', 'K'],
  ['81.39.15', 'Intern uddannelse', 'K'],
  ['83.10', 'Materialer til undervisnings- og beskæftigelsesvirksomhed'],
  ['83.10.00', 'Materialer til undervisnings- og beskæftigelsesvirksomhed i almindelighed', 'K'],
  ['83.11', 'Køretøjer, materiel mv.'],
  ['83.11.00', 'Køretøjer, materiel mv. i almindelighed', 'K'],
  ['83.11.01', 'Anskaffelse/overtagelse af køretøjer', 'K'],
  ['83.11.05', 'Vedligeholdelse/renovering', 'K'],
  ['83.11.06', 'Indretning af køretøjer', 'K'],
  ['83.12', 'Flydende materiel mv.'],
  ['83.12.00', 'Flydende materiel mv. i almindelighed', 'K'],
  ['83.12.01', 'Anskaffelse af flydende materiel', 'K'],
  ['83.12.05', 'Vedligeholdelse af flydende materiel', 'K'],
  ['83.12.06', 'Sikkerheds- og sundhedsforhold', 'K'],
  ['83.15', 'Køb af serviceydelser'],
  ['83.15.00', 'Køb af serviceydelser i almindelighed', 'K'],
  ['83.15.01', 'Landinspektører', 'K'],
  ['83.15.02', 'Arkitekter', 'K'],
  ['83.15.03', 'Ingeniører', 'K'],
  ['83.15.04', 'Konsulenter', 'K'],
  ['83.15.05', 'Advokater', 'K'],
  ['83.15.07', 'Revisorer', 'K'],
  ['83.15.08', 'Ejendomshandlere/mæglere', 'K'],
  ['83.15.09', 'Alarmabonnement/vagtselskaber/redningskorps', 'K'],
  ['83.15.10', 'Reklamebureauer', 'K'],
  ['83.15.11', 'Tolkebistand', 'K'],
];

/** [code, title]; see the comment at the top about what is (and is not) here. */
const FACETS: Array<[string, string]> = [
  ['G01', 'Generelle sager'],
  ['G20', 'Kurser og kursusafholdelse'],
  ['K01', 'Revision'],
  ['K09', 'Tilsyn med udøvende virksomhed'],
  ['P19', 'Godkendelser'],
  ['Ø47', 'Fritagelse for betaling'],
  ['Ø54', 'Kontrakter'],
];

function subject(number: string, title: string, bevaring: string | null, expired?: string): ParsedSubject {
  const level = number.length === 2 ? 1 : number.length === 5 ? 2 : 3;
  const deletionPeriod = level === 3 && bevaring && !expired ? DELETION_PERIOD_2015 : null;
  const { retention, years } = mapBevaring(bevaring, deletionPeriod);
  return {
    number,
    level,
    parentNumber: level === 1 ? null : number.slice(0, level === 2 ? 2 : 5),
    title,
    uuid: null,
    guidance: null,
    bevaring,
    deletionPeriod,
    retention,
    retentionYears: years,
    createdDate: null,
    changedDate: null,
    expiredDate: expired ?? null,
    replacedBy: [],
  };
}

export function kleSeedSubjects(): ParsedSubject[] {
  const all = [
    ...MAIN_GROUPS.map(([n, t]) => subject(n, t, null)),
    ...ROWS.map(([n, t, b, e]) => subject(n, t, b ?? null, e)),
  ];
  return all.sort((a, b) => a.number.localeCompare(b.number));
}

export function kleSeedFacets(): ParsedFacet[] {
  return FACETS.map(([code, title]) => ({
    code,
    categoryCode: code.charAt(0),
    // Placeholder: KL's category titles could not be verified (see the top of this file).
    categoryTitle: `Kategori ${code.charAt(0)}`,
    title,
    uuid: null,
    guidance: null,
    bevaring: null,
    createdDate: null,
    changedDate: null,
    expiredDate: null,
    replacedBy: [],
  }));
}

/**
 * Loads the selection into an empty database (batch inserts, so it works on both databases) and
 * records it as an import, so Administration → KLE shows which plan is in use. Run it inside the
 * demo seed's transaction; it writes no audit entry of its own (the demo seed logs itself).
 */
export async function seedKle(tx: Database): Promise<{ subjects: number; facets: number }> {
  const subjects = await storeSubjectPlan(tx, { published: KLE_SEED_PUBLISHED, subjects: kleSeedSubjects() }, null, {
    audit: false,
  });
  const facets = await storeFacetPlan(tx, { published: null, categories: [], facets: kleSeedFacets() }, null, {
    audit: false,
  });
  return { subjects: subjects.report.counts.added, facets: facets.report.counts.added };
}
