import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { DIRECTORATES, FIRST_NAMES, LAST_NAMES, MUNICIPALITY } from '../../seeds/demo-org.ts';
import { skillsFor } from '../../seeds/people.ts';
import { skillKey } from '../../src/modules/people/index.ts';

/**
 * Scale seed for the people directory and the org chart: `count` more employees in teams under
 * the demo municipality's units (about 25 per team, as in a real municipality of that size),
 * each with a job title from their unit, a manager (the team leader, whose manager is the unit's
 * leader), Danish name, e-mail, phone and skills. Writes straight through better-sqlite3 in one
 * transaction.
 *
 * For the user administration's filters the accounts vary as a municipality's do: about 60 % sign
 * in by single sign-on (a `user_identities` row), 10 % have a local password (`localHash`, one
 * hash of a random password shared by all: nobody can sign in as them), 3 % are deactivated,
 * a quarter never signed in and the rest signed in within the last 200 days.
 */

const TEAM_NAMES = ['Nord', 'Syd', 'Øst', 'Vest', 'Centrum', 'Land', 'By', 'Kyst', 'Skov', 'Å', 'Mark', 'Havn'];
const TEAM_SIZE = 25;

export function loadEmployees(
  sqlite: BetterSqlite3.Database,
  count: number,
  random: () => number,
  localHash: string | null = null,
): { units: number; employees: number; skills: number } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const titlesByUnit = new Map<string, string[]>();
  for (const d of DIRECTORATES) for (const u of d.units) titlesByUnit.set(u.name, u.titles);

  const units = sqlite
    .prepare("select id, name, short_name from org_units where kind = 'unit' and parent_id is not null")
    .all() as Array<{ id: number; name: string; short_name: string | null }>;
  const leaderOf = sqlite.prepare(
    'select id from users where org_unit_id = ? and is_active = 1 order by case when manager_id is null then 0 else 1 end, created_at limit 1',
  );
  const insertUnit = sqlite.prepare(
    "insert into org_units (parent_id, kind, name, short_name, email, phone, sort_order, created_at) values (?, 'unit', ?, ?, null, null, ?, ?)",
  );
  const insertUser =
    sqlite.prepare(`insert into users (id, username, display_name, email, phone, title, org_unit_id, manager_id, password_hash, locale, is_active, created_at, updated_at, last_seen_at, last_digest_at, last_sign_in_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, null, null, ?)`);
  const insertIdentity = sqlite.prepare(
    'insert into user_identities (issuer, subject, user_id, created_at, last_used_at) values (?, ?, ?, ?, ?)',
  );
  const insertRole = sqlite.prepare("insert into user_roles (user_id, role) values (?, 'employee')");
  const insertSkill = sqlite.prepare(
    'insert into user_skills (user_id, skill, skill_key, position) values (?, ?, ?, ?)',
  );
  const existing = (
    sqlite.prepare("select count(*) as n from users where username like 'm%' and username glob 'm[0-9]*'").get() as {
      n: number;
    }
  ).n;

  const at = new Date().toISOString();
  const nowMs = Date.now();
  const teams = Math.max(1, Math.ceil(count / TEAM_SIZE));
  let made = 0;
  let skills = 0;
  let serial = existing;
  const usedNames = new Set<string>();
  sqlite.transaction(() => {
    for (let t = 0; t < teams && made < count; t++) {
      const unit = units[t % units.length]!;
      const round = Math.floor(t / units.length);
      const teamName = `${unit.name}, team ${TEAM_NAMES[round % TEAM_NAMES.length]}${round >= TEAM_NAMES.length ? ` ${Math.floor(round / TEAM_NAMES.length) + 1}` : ''}`;
      const teamId = Number(
        insertUnit.run(unit.id, teamName, unit.short_name ? `${unit.short_name}-${t + 1}` : null, 100 + round, at)
          .lastInsertRowid,
      );
      const unitLeader = (leaderOf.get(unit.id) as { id: string } | undefined)?.id ?? null;
      const titles = titlesByUnit.get(unit.name) ?? ['Leder', 'Medarbejder'];
      let teamLeader: string | null = null;
      const size = Math.min(TEAM_SIZE, count - made);
      for (let i = 0; i < size; i++) {
        serial += 1;
        const username = `m${String(serial).padStart(5, '0')}`;
        let name = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
        if (usedNames.has(name)) name = `${pick(FIRST_NAMES)} ${pick(FIRST_NAMES).charAt(0)}. ${pick(LAST_NAMES)}`;
        usedNames.add(name);
        const title = i === 0 ? 'Teamleder' : pick(titles.slice(1).length ? titles.slice(1) : titles);
        const id = randomUUID();
        const phone = `72 ${String(10 + Math.floor(random() * 89))} ${String(Math.floor(random() * 100)).padStart(2, '0')} ${String(Math.floor(random() * 100)).padStart(2, '0')}`;
        const x = random();
        const sso = x < 0.6;
        const local = !sso && x < 0.7 && localHash !== null;
        const signedIn =
          random() < 0.75 ? new Date(nowMs - Math.floor(random() * 200 * 86400_000)).toISOString() : null;
        insertUser.run(
          id,
          username,
          name,
          `${username}@${MUNICIPALITY.domain}`,
          phone,
          title,
          teamId,
          i === 0 ? unitLeader : teamLeader,
          local ? localHash : null,
          random() < 0.03 ? 0 : 1,
          at,
          at,
          sso || local ? signedIn : null,
        );
        if (sso) insertIdentity.run('https://login.skovlund.dk', randomUUID(), id, at, signedIn);
        insertRole.run(id);
        if (i === 0) teamLeader = id;
        const list = skillsFor(i === 0 ? titles[0]! : title, random, username);
        list.forEach((skill, position) => {
          insertSkill.run(id, skill, skillKey(skill), position);
          skills += 1;
        });
        made += 1;
      }
    }
  })();
  return { units: teams, employees: made, skills };
}
