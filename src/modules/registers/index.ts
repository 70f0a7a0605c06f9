// The public entry of the registers module: the CPR and CVR registers (layout rule module-internal-import).
export { importCompaniesCsv, importPersonsCsv, parseCsv, type ImportError, type ImportResult } from './import.ts';
export {
  localCompanyRegister,
  localPersonRegister,
  lookupCompany,
  lookupPerson,
  type CompanyLookup,
  type CompanyRegister,
  type LookupOptions,
  type PersonAddress,
  type PersonLookup,
  type PersonRegister,
  type RegisterCompany,
  type RegisterPerson,
  type RegisterViewer,
} from './registers.ts';
