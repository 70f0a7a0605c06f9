import type { Database } from '../src/db/index.ts';
import { nowIso } from '../src/db/index.ts';
import type { BlobStore } from '../src/files/blobs.ts';
import { skillKey } from '../src/modules/people/index.ts';
import { makeDocx, makePdf, makePng } from './files.ts';

/**
 * The demo municipality's people module: skills that fit each employee's job title (so "who knows
 * about BR18?" finds the building caseworkers), a short Danish "about me" for many, two generated
 * photos (everyone else shows initials), and a private file area with folders and real files
 * for each of the six demo accounts. Deterministic for a given `random`.
 */

export interface PeopleSeedContext {
  blobs: BlobStore;
  random: () => number;
  users: Array<{
    id: string;
    display_name: string;
    username: string;
    title: string | null;
    org_unit_id: number | null;
  }>;
}

export interface PeopleSeedSummary {
  skills: number;
  profiles: number;
  photos: number;
  folders: number;
  files: number;
}

/** Skills by a word in the job title (lower case); the first matching rule wins. */
const SKILLS_BY_TITLE: Array<[RegExp, string[]]> = [
  [/borgmester|byråd/, ['politisk ledelse', 'borgerdialog']],
  [/direktør/, ['ledelse', 'strategi', 'politisk betjening', 'økonomistyring']],
  [/bygge|bygnings/, ['byggesagsbehandling', 'BR18', 'BBR', 'GIS', 'aktindsigt', 'partshøring']],
  [/vej|trafik/, ['vejloven', 'trafiksikkerhed', 'anlægsprojekter', 'GIS', 'vintertjeneste']],
  [/plan|landinspekt/, ['plansystemet', 'lokalplaner', 'planloven', 'GIS', 'matrikulære forhold']],
  [/miljø|biolog/, ['miljøbeskyttelsesloven', 'naturbeskyttelse', 'miljøtilsyn', 'GIS', 'jordforurening']],
  [/økonomi|budget|controller|regnskab/, ['Excel', 'budgetlægning', 'regnskab', 'Power BI', 'økonomistyring']],
  [/^hr|løn/, ['ansættelsesret', 'rekruttering', 'Excel', 'lønsystemet', 'overenskomster']],
  [
    /it-|digitali|informationssikkerhed/,
    ['Microsoft 365', 'informationssikkerhed', 'ISO 27001', 'GDPR', 'digitalisering', 'Power BI'],
  ],
  [/journal/, ['journalisering', 'KLE', 'arkivering', 'aktindsigt', 'bevaring og kassation']],
  [/sekretær|sekretariat/, ['dagsordener og referater', 'styrelsesloven', 'klarsprog', 'KLE', 'politisk betjening']],
  [/jurist/, ['forvaltningsret', 'aktindsigt', 'offentlighedsloven', 'GDPR', 'klarsprog']],
  [/skole|specialpæd/, ['folkeskoleloven', 'inklusion', 'specialundervisning', 'skoledistrikter']],
  [
    /dagtilbud|pædagogisk|pladsanvis/,
    ['dagtilbudsloven', 'pladsanvisning', 'pædagogisk udvikling', 'forældresamarbejde'],
  ],
  [/familie|socialrådgiver/, ['barnets lov', 'børnefaglige undersøgelser', 'netværksmøder', 'serviceloven']],
  [/ppr|psykolog|tale-høre/, ['psykologiske undersøgelser', 'tale-hørevejledning', 'tegnsprog', 'inklusion']],
  [/myndighed|visitator|hjælpemiddel/, ['serviceloven', 'visitation', 'hjælpemidler', 'Fælles Sprog III']],
  [
    /hjemmepleje|social- og sundhed|ergoterapeut/,
    ['hverdagsrehabilitering', 'medicinhåndtering', 'træning', 'forflytning'],
  ],
  [/afdelingsleder|bostøtte/, ['socialpsykiatri', 'recovery', 'bostøtte', 'serviceloven']],
  [/sundhed/, ['sundhedsfremme', 'forebyggelse', 'sundhedsloven', 'spædbørn']],
  [
    /borgerservice|ydelse/,
    ['pas og kørekort', 'Digital Post', 'borgerbetjening', 'tegnsprog', 'klarsprog', 'boligstøtte'],
  ],
  [/job|virksomhed/, ['beskæftigelsesindsats', 'LAB-loven', 'virksomhedskontakt', 'mentorordninger']],
  [/kultur|fritid/, ['folkeoplysningsloven', 'foreningsliv', 'kulturformidling', 'arrangementer']],
  [/bibliotek|formidler/, ['formidling', 'læsefremme', 'litteratursøgning', 'arrangementer']],
  [/chef|leder/, ['ledelse', 'strategi', 'økonomistyring']],
];

const EXTRA_SKILLS = [
  'Excel',
  'klarsprog',
  'projektledelse',
  'Word',
  'Microsoft Teams',
  'engelsk',
  'tysk',
  'tegnsprog',
  'facilitering',
  'GIS',
];

const ABOUT_OPENINGS = [
  'Jeg har været i kommunen i {years} år og arbejder som {title} i {unit}.',
  'Som {title} i {unit} er jeg ofte den første, borgerne og kollegerne taler med om vores område.',
  'Jeg kom til {unit} for {years} år siden og trives med at få tingene til at hænge sammen.',
];

const ABOUT_MIDDLES = [
  'Spørg mig gerne om {skill} – jeg hjælper hellere i dag end i morgen.',
  'Jeg bruger meget tid på {skill}, og jeg deler gerne skabeloner og erfaringer.',
  'Mit hjerte banker for {skill} og for at skrive, så borgerne forstår det.',
];

const ABOUT_ENDINGS = [
  'Jeg sidder i huset mandag til torsdag og arbejder hjemme om fredagen.',
  'Uden for arbejdet løber jeg, dyrker haven og synger i kor.',
  'Ring hellere end at skrive, hvis det haster.',
  '',
];

/** Folders and files for each demo account: [folder (or null: top level), file name, kind, lines]. */
const DEMO_FILES: Record<string, Array<[string | null, string, 'pdf' | 'docx', string[]]>> = {
  admin: [
    [
      'IT-drift',
      'Driftsnotat uge 47.docx',
      'docx',
      ['Driftsnotat uge 47', 'Opdatering af serverne er planlagt til torsdag kl. 17.', 'Backup er testet og virker.'],
    ],
    [
      'IT-drift',
      'Beredskabsplan for IT.pdf',
      'pdf',
      [
        'Beredskabsplan for IT',
        'Ved nedbrud: ring til vagttelefonen 72 10 09 99.',
        'Systemejere orienteres inden for en time.',
      ],
    ],
    [
      null,
      'Huskeliste.docx',
      'docx',
      ['Huskeliste', 'Forny certifikater inden 1. december.', 'Gennemgå adgange for fratrådte medarbejdere.'],
    ],
  ],
  sagsbehandler: [
    [
      'Skabeloner',
      'Standardbrev – partshøring.docx',
      'docx',
      [
        'Partshøring',
        'Kommunen overvejer at træffe afgørelse i sagen og giver dig hermed mulighed for at udtale dig.',
        'Svarfrist: 14 dage.',
      ],
    ],
    [
      'BR18',
      'Tjekliste BR18.pdf',
      'pdf',
      [
        'Tjekliste BR18',
        'Bebyggelsesprocent, højde- og afstandsforhold, brandforhold, energiramme.',
        'Husk at tjekke lokalplanen først.',
      ],
    ],
    [
      null,
      'Noter fra kursus i klarsprog.docx',
      'docx',
      ['Klarsprog', 'Skriv det vigtigste først.', 'Brug "du" og aktive verber.'],
    ],
  ],
  journal: [
    [
      'Journalisering',
      'Vejledning i journalisering.pdf',
      'pdf',
      [
        'Vejledning i journalisering',
        'Alle dokumenter med betydning for en afgørelse skal journaliseres.',
        'Brug KLE-emnenummer og handlingsfacet.',
      ],
    ],
    [
      null,
      'Arkivfrister 2027.docx',
      'docx',
      ['Arkivfrister 2027', 'Aflevering af arkiveringsversion til Rigsarkivet: 1. marts.'],
    ],
  ],
  sekretariat: [
    [
      'Udvalg',
      'Mødeplan 2027.docx',
      'docx',
      [
        'Mødeplan 2027',
        'Teknik- og Miljøudvalget: første onsdag i måneden kl. 16.',
        'Økonomiudvalget: tredje tirsdag kl. 15.',
      ],
    ],
    [
      'Udvalg',
      'Skabelon til sagsfremstilling.docx',
      'docx',
      ['Sagsfremstilling', 'Resumé', 'Sagsfremstilling', 'Økonomi', 'Indstilling'],
    ],
    [
      null,
      'Tjekliste til dagsorden.pdf',
      'pdf',
      ['Tjekliste til dagsorden', 'Bilag vedhæftet, lukkede punkter markeret, indstilling klar.'],
    ],
  ],
  politiker: [
    [
      'Byrådsmøder',
      'Mine noter til budgetforhandlingerne.docx',
      'docx',
      ['Noter til budgetforhandlingerne', 'Spørg til anlægsbudgettet for cykelstier.', 'Husk borgermødet i Nørreby.'],
    ],
    [
      null,
      'Kontaktliste til vælgerhenvendelser.pdf',
      'pdf',
      ['Kontaktliste', 'Borgerservice: 72 10 00 00.', 'Teknik og Miljø: 72 10 40 00.'],
    ],
  ],
  medarbejder: [
    [
      'Vejledninger',
      'Sådan bestiller borgeren pas.pdf',
      'pdf',
      ['Sådan bestiller borgeren pas', 'Book tid på skovlund.dk/borgerservice.', 'Medbring gammelt pas og billede.'],
    ],
    [
      null,
      'Mine mål for året.docx',
      'docx',
      ['Mine mål for året', 'Blive bedre til Digital Post-henvendelser.', 'Tage kurset i tegnsprog for begyndere.'],
    ],
  ],
};

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** The skills an employee with this job title lists (used by the demo and the scale seed). */
export function skillsFor(title: string | null, random: () => number, username: string): string[] {
  const t = (title ?? '').toLowerCase();
  const rule = SKILLS_BY_TITLE.find(([re]) => re.test(t));
  const base = rule ? [...rule[1]] : [];
  // Everyone lists their field's first two skills and most of the others; some add general ones.
  const chosen = base.filter((_skill, i) => i < 2 || random() < 0.7);
  const extras = Math.floor(random() * 3);
  for (let i = 0; i < extras; i++) chosen.push(pick(random, EXTRA_SKILLS));
  // The demo building caseworker is the one to ask about BR18.
  if (username === 'sagsbehandler' && !chosen.includes('BR18')) chosen.unshift('BR18');
  const seen = new Set<string>();
  return chosen.filter((s) => {
    const key = skillKey(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// --- Two generated photos (real PNGs): a head-and-shoulders silhouette on a coloured ground ----

export function makePortraitPng(
  background: [number, number, number],
  figure: [number, number, number],
  size = 192,
): Buffer {
  const cx = size / 2;
  return makePng(size, size, (x, y) => {
    const head = (x - cx) ** 2 + (y - size * 0.4) ** 2 < (size * 0.19) ** 2;
    const shoulders =
      y > size * 0.68 && (x - cx) ** 2 / (size * 0.4) ** 2 + (y - size * 1.05) ** 2 / (size * 0.4) ** 2 < 1;
    return head || shoulders ? figure : background;
  });
}

export async function seedPeople(tx: Database, ctx: PeopleSeedContext): Promise<PeopleSeedSummary> {
  const { random, blobs } = ctx;
  const now = nowIso();
  const unitNames = new Map(
    (await tx.db.selectFrom('org_units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]),
  );
  const skillRows: Array<{ user_id: string; skill: string; skill_key: string; position: number }> = [];
  const profileRows: Array<{
    user_id: string;
    about: string | null;
    photo_sha256: string | null;
    photo_mime: string | null;
    photo_updated_at: string | null;
    updated_at: string;
  }> = [];
  const demo = new Set(Object.keys(DEMO_FILES));

  const photos = new Map<string, Buffer>();
  const ceo = ctx.users.find((u) => u.title === 'Kommunaldirektør');
  if (ceo) photos.set(ceo.id, makePortraitPng([213, 233, 245], [24, 76, 120]));
  const secretary = ctx.users.find((u) => u.username === 'sekretariat');
  if (secretary) photos.set(secretary.id, makePortraitPng([254, 243, 199], [120, 53, 15]));
  const photoShas = new Map<string, string>();
  for (const [userId, png] of photos) photoShas.set(userId, await blobs.put(tx, png));

  for (const u of ctx.users) {
    const isDemo = demo.has(u.username);
    // Most employees list skills; every demo account does.
    const skills = isDemo || random() < 0.85 ? skillsFor(u.title, random, u.username) : [];
    skills.forEach((skill, position) => skillRows.push({ user_id: u.id, skill, skill_key: skillKey(skill), position }));
    const writesAbout = isDemo || random() < 0.6;
    const unit = u.org_unit_id != null ? (unitNames.get(u.org_unit_id) ?? 'kommunen') : 'kommunen';
    const about = writesAbout
      ? [
          pick(random, ABOUT_OPENINGS)
            .replace('{years}', String(2 + Math.floor(random() * 20)))
            .replace('{title}', (u.title ?? 'medarbejder').toLowerCase())
            .replace('{unit}', unit),
          skills.length ? pick(random, ABOUT_MIDDLES).replace('{skill}', skills[0]!) : '',
          pick(random, ABOUT_ENDINGS),
        ]
          .filter(Boolean)
          .join(' ')
      : null;
    const sha = photoShas.get(u.id) ?? null;
    if (about || sha) {
      profileRows.push({
        user_id: u.id,
        about,
        photo_sha256: sha,
        photo_mime: sha ? 'image/png' : null,
        photo_updated_at: sha ? now : null,
        updated_at: now,
      });
    }
  }
  for (let i = 0; i < skillRows.length; i += 500)
    await tx.db
      .insertInto('user_skills')
      .values(skillRows.slice(i, i + 500))
      .execute();
  for (let i = 0; i < profileRows.length; i += 200)
    await tx.db
      .insertInto('profiles')
      .values(profileRows.slice(i, i + 200))
      .execute();

  let folders = 0;
  let files = 0;
  for (const [username, list] of Object.entries(DEMO_FILES)) {
    const owner = ctx.users.find((u) => u.username === username);
    if (!owner) continue;
    const folderIds = new Map<string, number>();
    for (const [folder, name, kind, lines] of list) {
      let folderId: number | null = null;
      if (folder) {
        folderId = folderIds.get(folder) ?? null;
        if (folderId === null) {
          const row = await tx.db
            .insertInto('personal_folders')
            .values({
              user_id: owner.id,
              parent_id: null,
              name: folder,
              name_key: folder.toLocaleLowerCase('da'),
              created_at: now,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          folderId = row.id;
          folderIds.set(folder, folderId);
          folders++;
        }
      }
      const bytes = kind === 'pdf' ? await makePdf(lines, { title: lines[0] }) : await makeDocx(lines);
      const sha = await blobs.put(tx, bytes);
      await tx.db
        .insertInto('personal_files')
        .values({
          user_id: owner.id,
          folder_id: folderId,
          name,
          blob_sha256: sha,
          mime:
            kind === 'pdf'
              ? 'application/pdf'
              : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          size: bytes.length,
          created_at: now,
          updated_at: now,
        })
        .execute();
      files++;
    }
  }
  return { skills: skillRows.length, profiles: profileRows.length, photos: photoShas.size, folders, files };
}
