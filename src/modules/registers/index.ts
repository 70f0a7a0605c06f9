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
export { registersFor, type Registers } from './choose.ts';
export { SF1520_PATH, SF1520_SERVICE_UUID, sf1520PersonRegister, type Sf1520Options } from './sf1520.ts';
export { SF1530_PATH, SF1530_SERVICE_UUID, sf1530CompanyRegister, type Sf1530Options } from './sf1530.ts';
