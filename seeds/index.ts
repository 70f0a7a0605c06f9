import { randomUUID } from 'node:crypto';
import { appendAudit } from '../src/audit/service.ts';
import { hashPassword } from '../src/auth/password.ts';
import type { Database } from '../src/db/index.ts';
import { nowIso, writeTransaction } from '../src/db/index.ts';
import type { NewUser } from '../src/db/schema.ts';
import { DEMO_SEEDED, putSetting } from '../src/db/settings.ts';
import { seedKle } from './kle.ts';
import { seedCases } from './cases.ts';
import { seedPages } from './pages.ts';
import { seedNews } from './news.ts';
import type { BlobStore } from '../src/files/blobs.ts';
import { seedPeople } from './people.ts';
import { seedRooms } from './rooms.ts';
import { seedMeetings } from './meetings.ts';
import { seedRegisters } from './registers.ts';
import { seedAccessRequests } from './access-requests.ts';
import { seedAnsweredRequest, seedPostlist } from './access-answers.ts';
import { seedLetters } from './letters.ts';
import { seedRecords } from './records.ts';
import {
  asciiName,
  COUNCIL_UNIT,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DIRECTORATES,
  FIRST_NAMES,
  LAST_NAMES,
  MUNICIPALITY,
} from './demo-org.ts';

/** A small deterministic generator, so every fresh demo database looks the same. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function isEmpty(database: Database): Promise<boolean> {
  const row = await database.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

export interface SeedSummary {
  units: number;
  people: number;
  demoAccounts: number;
  cases: number;
  documents: number;
}

/**
 * Loads the demo municipality: organisation, employees, the six demo accounts and the KLE plan;
 * with `blobs`, also its content — knowledge pages, a few hundred cases with documents, … (tests
 * that do not need them leave it out).
 */
export async function seedDemo(
  database: Database,
  opts: { scryptCost: number; blobs?: BlobStore },
): Promise<SeedSummary> {
  const now = nowIso();
  const random = seededRandom(2026);
  const usedNames = new Set<string>();
  const usedUsernames = new Set<string>(DEMO_ACCOUNTS.map((a) => a.username));
  let phoneSeq = 1000;

  const nextName = () => {
    for (;;) {
      const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)]!;
      const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)]!;
      const name = `${first} ${last}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const usernameFor = (name: string) => {
    const base = asciiName(name).slice(0, 36);
    let candidate = base;
    for (let i = 2; usedUsernames.has(candidate); i++) candidate = `${base}${i}`;
    usedUsernames.add(candidate);
    return candidate;
  };
  const phone = () => {
    phoneSeq += 1 + Math.floor(random() * 7);
    const digits = `72${String(10000 + phoneSeq).padStart(6, '0')}`;
    return digits.replace(/(\d{2})(\d{2})(\d{2})(\d{2})/, '$1 $2 $3 $4');
  };

  // Hash the demo password once per account, in parallel, before the transaction.
  const demoHashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD, opts.scryptCost)));

  const org = await writeTransaction(database, async (tx) => {
    const insertUnit = async (
      parent: number | null,
      kind: 'municipality' | 'directorate' | 'unit',
      name: string,
      shortName: string,
      sort: number,
    ) => {
      const row = await tx.db
        .insertInto('org_units')
        .values({
          parent_id: parent,
          kind,
          name,
          short_name: shortName,
          email: `${asciiName(shortName)}@${MUNICIPALITY.domain}`,
          phone: phone(),
          sort_order: sort,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    };

    const users: NewUser[] = [];
    const roles: Array<{ user_id: string; role: string }> = [];
    const person = (
      name: string,
      title: string,
      unitId: number,
      managerId: string | null,
      username?: string,
      hash?: string,
    ) => {
      const id = randomUUID();
      const uname = username ?? usernameFor(name);
      users.push({
        id,
        username: uname,
        display_name: name,
        email: `${asciiName(name)}@${MUNICIPALITY.domain}`,
        phone: phone(),
        title,
        org_unit_id: unitId,
        manager_id: managerId,
        password_hash: hash ?? null,
        locale: null,
        is_active: 1,
        created_at: now,
        updated_at: now,
      });
      return id;
    };

    const root = await insertUnit(null, 'municipality', MUNICIPALITY.name, MUNICIPALITY.shortName, 0);
    const ceo = person(nextName(), 'Kommunaldirektør', root, null);
    roles.push({ user_id: ceo, role: 'employee' });
    const namedLeaders: Array<[number, string]> = [[root, ceo]];
    const council = await insertUnit(root, 'unit', COUNCIL_UNIT.name, COUNCIL_UNIT.shortName, 0);
    const mayor = person(nextName(), 'Borgmester', council, null);
    roles.push({ user_id: mayor, role: 'politician' });

    const unitIds = new Map<string, number>([[COUNCIL_UNIT.key, council]]);
    const leaders = new Map<string, string>();
    let units = 2;
    for (const [d, dir] of DIRECTORATES.entries()) {
      const dirId = await insertUnit(root, 'directorate', dir.name, dir.shortName, d + 1);
      units++;
      const director = person(nextName(), dir.directorTitle, dirId, ceo);
      roles.push({ user_id: director, role: 'employee' });
      namedLeaders.push([dirId, director]);
      for (const [u, unit] of dir.units.entries()) {
        const unitId = await insertUnit(dirId, 'unit', unit.name, unit.shortName, u + 1);
        units++;
        unitIds.set(unit.key, unitId);
        const [leaderTitle, ...staffTitles] = unit.titles;
        const leader = person(nextName(), leaderTitle, unitId, director);
        leaders.set(unit.key, leader);
        namedLeaders.push([unitId, leader]);
        roles.push({ user_id: leader, role: 'employee' });
        const staffCount = u < 2 ? 2 : 1;
        for (let s = 0; s < staffCount; s++) {
          const staff = person(nextName(), staffTitles[s % staffTitles.length]!, unitId, leader);
          roles.push({ user_id: staff, role: 'employee' });
        }
      }
    }

    for (const [i, account] of DEMO_ACCOUNTS.entries()) {
      usedNames.add(account.name);
      const unitId = unitIds.get(account.unit)!;
      const id = person(
        account.name,
        account.title,
        unitId,
        leaders.get(account.unit) ?? null,
        account.username,
        demoHashes[i],
      );
      for (const role of account.roles) roles.push({ user_id: id, role });
    }

    // Insert in batches (PostgreSQL caps parameters per statement; SQLite at 32k).
    for (let i = 0; i < users.length; i += 200)
      await tx.db
        .insertInto('users')
        .values(users.slice(i, i + 200))
        .execute();
    for (let i = 0; i < roles.length; i += 500)
      await tx.db
        .insertInto('user_roles')
        .values(roles.slice(i, i + 500))
        .execute();
    // The named leaders (org_unit_leaders): each unit's head, each directorate's director and the
    // chief executive of the municipality.
    await tx.db
      .insertInto('org_unit_leaders')
      .values(namedLeaders.map(([unit_id, user_id]) => ({ unit_id, user_id, sort_order: 0, created_at: now })))
      .execute();
    await seedKle(tx);
    await putSetting(tx, DEMO_SEEDED, now);
    await appendAudit(tx, {
      actor: null,
      action: 'seed.demo',
      summary: `Loaded the demo municipality ${MUNICIPALITY.name}`,
      details: { units, people: users.length },
    });
    const people = users.length;
    return { units, people, demoAccounts: DEMO_ACCOUNTS.length, unitIds, users };
  });

  let cases = 0;
  let documents = 0;
  if (opts.blobs) {
    // The demo's content (knowledge pages, cases, …): left out by tests that need only people.
    const editorId = org.users.find((u) => u.username === 'sekretariat')!.id;
    const people = org.users.map((u) => ({
      id: u.id,
      display_name: u.display_name,
      username: u.username,
      title: u.title ?? null,
      org_unit_id: u.org_unit_id ?? null,
    }));
    await writeTransaction(database, (tx) => seedPages(tx, { random: seededRandom(5000), users: people, editorId }));
    await writeTransaction(database, (tx) =>
      seedNews(tx, { blobs: opts.blobs!, random: seededRandom(5001), users: people, unitIds: org.unitIds, editorId }),
    );
    await writeTransaction(database, (tx) =>
      seedPeople(tx, { blobs: opts.blobs!, random: seededRandom(5002), users: people }),
    );
    await writeTransaction(database, (tx) =>
      seedRooms(tx, { blobs: opts.blobs!, random: seededRandom(5003), users: people }),
    );
    const unitKeyById = new Map([...org.unitIds].map(([k, id]) => [id, k]));
    const staff = new Map<string, Array<{ id: string; name: string }>>();
    for (const u of org.users) {
      const key = u.org_unit_id != null ? unitKeyById.get(u.org_unit_id) : undefined;
      if (key) staff.set(key, [...(staff.get(key) ?? []), { id: u.id, name: u.display_name }]);
    }
    const demo = (username: string) => {
      const u = org.users.find((x) => x.username === username)!;
      return { id: u.id, name: u.display_name, unit: unitKeyById.get(u.org_unit_id!)! };
    };
    ({ cases, documents } = await seedCases({
      database,
      blobs: opts.blobs,
      random: seededRandom(4000),
      units: org.unitIds,
      staff,
      demo: { sagsbehandler: demo('sagsbehandler'), journal: demo('journal'), sekretariat: demo('sekretariat') },
    }));
    const secretary = org.users.find((u) => u.username === 'sekretariat')!;
    await writeTransaction(database, (tx) =>
      seedMeetings(tx, {
        random: seededRandom(5004),
        users: org.users.map((u) => ({
          id: u.id,
          username: u.username,
          display_name: u.display_name,
          title: u.title ?? null,
        })),
        secretariat: { id: secretary.id, name: secretary.display_name },
      }),
    );
    await seedRegisters(database);
    const worker = org.users.find((u) => u.username === 'sagsbehandler')!;
    await seedAccessRequests(database, opts.blobs, {
      id: worker.id,
      name: worker.display_name,
      orgUnitId: worker.org_unit_id ?? null,
    });
    await seedAnsweredRequest({
      database,
      blobs: opts.blobs,
      caseworker: { id: worker.id, name: worker.display_name, unitId: worker.org_unit_id! },
    });
    await seedPostlist(database);
    await seedLetters(database, opts.blobs, {
      id: worker.id,
      name: worker.display_name,
      orgUnitId: worker.org_unit_id ?? null,
    });
    const recordsManager = org.users.find((u) => u.username === 'journal')!;
    await seedRecords(database, opts.blobs, {
      recordsManager: { id: recordsManager.id, name: recordsManager.display_name },
      worker: { id: worker.id, name: worker.display_name, unitId: worker.org_unit_id! },
    });
  }
  return { units: org.units, people: org.people, demoAccounts: org.demoAccounts, cases, documents };
}
