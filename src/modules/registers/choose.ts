import type { Config, ServiceplatformenSettings } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import { readTlsFiles } from '../serviceplatformen/index.ts';
import { localCompanyRegister, localPersonRegister, type CompanyRegister, type PersonRegister } from './registers.ts';
import { SF1520_PATH, sf1520PersonRegister } from './sf1520.ts';
import { SF1530_PATH, sf1530CompanyRegister } from './sf1530.ts';

export interface Registers {
  persons: PersonRegister;
  companies: CompanyRegister;
}

/**
 * The registers REGISTERS chooses: `local` (the database, the default) or `serviceplatformen`
 * (SF1520 for CPR, SF1530 for CVR, with the SERVICEPLATFORMEN_* settings; the certificate files
 * are read here, once, so a wrong path stops the app at start).
 */
export function registersFor(database: Database, config: Pick<Config, 'registers' | 'serviceplatformen'>): Registers {
  if (config.registers === 'local') {
    return { persons: localPersonRegister(database), companies: localCompanyRegister(database) };
  }
  const sp: ServiceplatformenSettings | null = config.serviceplatformen;
  if (!sp) throw new Error('REGISTERS=serviceplatformen needs the SERVICEPLATFORMEN_* settings');
  const tls = readTlsFiles(sp);
  const context = (serviceAgreementUuid: string | null) => ({
    serviceAgreementUuid: serviceAgreementUuid ?? '',
    userSystemUuid: sp.userSystemUuid ?? '',
    userUuid: sp.userUuid ?? '',
    accountingInfo: sp.accountingInfo,
  });
  return {
    persons: sf1520PersonRegister({
      url: `${sp.url}${SF1520_PATH}`,
      tls,
      context: context(sp.cprServiceAgreementUuid),
      timeoutMs: sp.timeoutMs,
    }),
    companies: sf1530CompanyRegister({
      url: `${sp.url}${SF1530_PATH}`,
      tls,
      context: context(sp.cvrServiceAgreementUuid),
      timeoutMs: sp.timeoutMs,
    }),
  };
}
