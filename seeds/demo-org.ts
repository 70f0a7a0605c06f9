/**
 * The demo municipality's organisation: Skovlund Kommune (fictional), five directorates and
 * twenty-one units (the city council among them), and the people who work there. Plain data, so
 * other seeds (cases, committees, rooms) can refer to units and people by their keys.
 */

export const MUNICIPALITY = {
  name: 'Skovlund Kommune',
  shortName: 'Skovlund',
  email: 'kommunen@skovlund.dk',
  phone: '72 10 00 00',
  domain: 'skovlund.dk',
};

export interface UnitSeed {
  key: string;
  name: string;
  shortName: string;
  /** Titles staff in this unit carry (the first is the leader's). */
  titles: [leader: string, ...staff: string[]];
}

export interface DirectorateSeed {
  key: string;
  name: string;
  shortName: string;
  directorTitle: string;
  units: UnitSeed[];
}

export const DIRECTORATES: DirectorateSeed[] = [
  {
    key: 'oea',
    name: 'Økonomi og Administration',
    shortName: 'ØA',
    directorTitle: 'Direktør for Økonomi og Administration',
    units: [
      {
        key: 'okonomi',
        name: 'Økonomi og Analyse',
        shortName: 'ØKA',
        titles: ['Økonomichef', 'Budgetkonsulent', 'Controller', 'Regnskabsmedarbejder'],
      },
      { key: 'hr', name: 'HR og Personale', shortName: 'HR', titles: ['HR-chef', 'HR-konsulent', 'Lønkonsulent'] },
      {
        key: 'digi',
        name: 'Digitalisering og IT',
        shortName: 'DIT',
        titles: ['IT-chef', 'IT-administrator', 'Digitaliseringskonsulent', 'Informationssikkerhedskonsulent'],
      },
      {
        key: 'sekretariat',
        name: 'Byråds- og Direktionssekretariat',
        shortName: 'BDS',
        titles: ['Sekretariatschef', 'Udvalgssekretær', 'Jurist', 'Journalansvarlig'],
      },
    ],
  },
  {
    key: 'bu',
    name: 'Børn og Unge',
    shortName: 'BU',
    directorTitle: 'Direktør for Børn og Unge',
    units: [
      {
        key: 'dagtilbud',
        name: 'Dagtilbud',
        shortName: 'DAG',
        titles: ['Dagtilbudschef', 'Pædagogisk konsulent', 'Pladsanvisningsmedarbejder'],
      },
      {
        key: 'skole',
        name: 'Skole og Uddannelse',
        shortName: 'SKU',
        titles: ['Skolechef', 'Skolekonsulent', 'Specialpædagogisk konsulent'],
      },
      {
        key: 'familie',
        name: 'Familierådgivning',
        shortName: 'FAM',
        titles: ['Familiechef', 'Socialrådgiver', 'Familiebehandler'],
      },
      {
        key: 'ppr',
        name: 'Pædagogisk Psykologisk Rådgivning',
        shortName: 'PPR',
        titles: ['PPR-leder', 'Psykolog', 'Tale-hørekonsulent'],
      },
    ],
  },
  {
    key: 'sso',
    name: 'Social, Sundhed og Omsorg',
    shortName: 'SSO',
    directorTitle: 'Direktør for Social, Sundhed og Omsorg',
    units: [
      {
        key: 'myndighed',
        name: 'Myndighed Ældre',
        shortName: 'MYÆ',
        titles: ['Myndighedschef', 'Visitator', 'Hjælpemiddelterapeut'],
      },
      {
        key: 'hjemmepleje',
        name: 'Hjemmepleje og Rehabilitering',
        shortName: 'HJR',
        titles: ['Hjemmeplejechef', 'Social- og sundhedsassistent', 'Ergoterapeut'],
      },
      {
        key: 'socialpsyk',
        name: 'Socialpsykiatri og Handicap',
        shortName: 'SPH',
        titles: ['Afdelingsleder', 'Socialrådgiver', 'Bostøtte'],
      },
      {
        key: 'sundhed',
        name: 'Sundhed og Forebyggelse',
        shortName: 'SUF',
        titles: ['Sundhedschef', 'Sundhedskonsulent', 'Sundhedsplejerske'],
      },
    ],
  },
  {
    key: 'tm',
    name: 'Teknik og Miljø',
    shortName: 'TM',
    directorTitle: 'Direktør for Teknik og Miljø',
    units: [
      {
        key: 'byggeri',
        name: 'Byggeri',
        shortName: 'BYG',
        titles: ['Byggechef', 'Byggesagsbehandler', 'Bygningskonstruktør'],
      },
      {
        key: 'plan',
        name: 'Plan og Udvikling',
        shortName: 'PLU',
        titles: ['Planchef', 'Byplanlægger', 'Landinspektør'],
      },
      { key: 'natur', name: 'Natur og Miljø', shortName: 'NAM', titles: ['Miljøchef', 'Miljømedarbejder', 'Biolog'] },
      { key: 'vej', name: 'Vej og Park', shortName: 'VEP', titles: ['Vejchef', 'Vejingeniør', 'Trafikplanlægger'] },
    ],
  },
  {
    key: 'bka',
    name: 'Borgerservice, Kultur og Arbejdsmarked',
    shortName: 'BKA',
    directorTitle: 'Direktør for Borgerservice, Kultur og Arbejdsmarked',
    units: [
      {
        key: 'borgerservice',
        name: 'Borgerservice',
        shortName: 'BOS',
        titles: ['Borgerservicechef', 'Borgerservicemedarbejder', 'Ydelsesmedarbejder'],
      },
      {
        key: 'jobcenter',
        name: 'Jobcenter',
        shortName: 'JOB',
        titles: ['Jobcenterchef', 'Jobkonsulent', 'Virksomhedskonsulent'],
      },
      {
        key: 'kultur',
        name: 'Kultur og Fritid',
        shortName: 'KUF',
        titles: ['Kulturchef', 'Kulturkonsulent', 'Fritidskonsulent'],
      },
      {
        key: 'bibliotek',
        name: 'Biblioteker og Borgerhuse',
        shortName: 'BIB',
        titles: ['Bibliotekschef', 'Bibliotekar', 'Formidler'],
      },
    ],
  },
];

/** The city council sits outside the administration, directly under the municipality. */
export const COUNCIL_UNIT = { key: 'byraad', name: 'Byrådet', shortName: 'BR' };

export const FIRST_NAMES = [
  'Anne',
  'Mette',
  'Lars',
  'Søren',
  'Hanne',
  'Jens',
  'Susanne',
  'Peter',
  'Kirsten',
  'Henrik',
  'Lene',
  'Michael',
  'Marianne',
  'Thomas',
  'Pia',
  'Niels',
  'Camilla',
  'Rasmus',
  'Louise',
  'Mads',
  'Birgitte',
  'Anders',
  'Tina',
  'Morten',
  'Charlotte',
  'Jesper',
  'Helle',
  'Martin',
  'Julie',
  'Kasper',
  'Signe',
  'Frederik',
  'Ida',
  'Mikkel',
  'Sofie',
  'Christian',
  'Maja',
  'Emil',
  'Karen',
  'Ole',
  'Inge',
  'Bo',
  'Dorthe',
  'Jonas',
  'Line',
  'Torben',
  'Rikke',
  'Ulla',
  'Nikolaj',
  'Astrid',
  'Gitte',
  'Claus',
  'Trine',
  'Bjarne',
  'Malene',
  'Poul',
  'Sanne',
  'Kim',
  'Mona',
  'Esben',
];

export const LAST_NAMES = [
  'Nielsen',
  'Jensen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Christiansen',
  'Poulsen',
  'Johansen',
  'Møller',
  'Mortensen',
  'Østergaard',
  'Kjær',
  'Lund',
  'Holm',
  'Bach',
  'Dahl',
  'Vestergaard',
  'Frandsen',
  'Skov',
  'Bruun',
  'Lauridsen',
  'Mikkelsen',
  'Friis',
  'Brøndum',
  'Ravn',
  'Husted',
  'Winther',
  'Søgaard',
  'Eriksen',
  'Lindberg',
];

/** The six demo accounts, one per role: where they sit and what they do. */
export const DEMO_ACCOUNTS = [
  { username: 'admin', name: 'Annette Vinther', unit: 'digi', title: 'IT-administrator', roles: ['admin', 'employee'] },
  {
    username: 'sagsbehandler',
    name: 'Kasper Lindholm',
    unit: 'byggeri',
    title: 'Byggesagsbehandler',
    roles: ['caseworker', 'employee'],
  },
  {
    username: 'journal',
    name: 'Birgit Sønderby',
    unit: 'sekretariat',
    title: 'Journalansvarlig',
    roles: ['records_manager', 'employee'],
  },
  {
    username: 'sekretariat',
    name: 'Mette Aagaard',
    unit: 'sekretariat',
    title: 'Udvalgssekretær',
    roles: ['secretariat', 'editor', 'employee'],
  },
  { username: 'politiker', name: 'Jørgen Ellehammer', unit: 'byraad', title: 'Byrådsmedlem', roles: ['politician'] },
  {
    username: 'medarbejder',
    name: 'Sofie Kragh',
    unit: 'borgerservice',
    title: 'Borgerservicemedarbejder',
    roles: ['employee'],
  },
] as const;

export const DEMO_PASSWORD = 'samspil-demo';

/** æ→ae, ø→oe, å→aa and friends, for e-mail addresses and user names. */
export function asciiName(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}
