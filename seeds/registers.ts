import fs from 'node:fs';
import type { Database } from '../src/db/index.ts';
import { importCompaniesCsv, importPersonsCsv } from '../src/modules/registers/index.ts';

/**
 * The demo's local CPR and CVR registers (src/modules/registers), from the CSV files beside this
 * one: twelve fictitious people (one with a protected address, one deceased, one exempt from Digital Post) and six fictitious
 * companies. The CPR numbers are valid by date (born on 1 January) and made up.
 */
export async function seedRegisters(database: Database): Promise<{ persons: number; companies: number }> {
  const read = (name: string) => fs.readFileSync(new URL(`./registers/${name}`, import.meta.url), 'utf8');
  const persons = await importPersonsCsv(database, read('persons.csv'));
  const companies = await importCompaniesCsv(database, read('companies.csv'));
  const errors = [...persons.errors, ...companies.errors];
  if (errors.length) throw new Error(`The demo registers have bad lines: ${JSON.stringify(errors)}`);
  return { persons: persons.inserted + persons.updated, companies: companies.inserted + companies.updated };
}
