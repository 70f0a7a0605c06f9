import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { FIXTURES } from '../../../test/helpers/serviceplatformen.ts';
import { digitalPostTransportFor } from './choose.ts';

const CERTS = path.join(FIXTURES, 'certs');

describe('DIGITAL_POST_TRANSPORT', () => {
  it('is the folder drop by default', () => {
    expect(digitalPostTransportFor(loadConfig({ DATA_DIR: '/tmp/samspil-test' })).name).toBe('folder-drop');
  });

  it('is SF1601 with the Serviceplatformen settings, and names what sf1601 needs', () => {
    const env = {
      DIGITAL_POST_TRANSPORT: 'sf1601',
      SERVICEPLATFORMEN_URL: 'https://hub.example',
      SERVICEPLATFORMEN_STS_URL: 'https://sts.example/runtime/api/rest/wstrust/v1/issue',
      SERVICEPLATFORMEN_CERT: path.join(CERTS, 'client.crt'),
      SERVICEPLATFORMEN_KEY: path.join(CERTS, 'client.key'),
      SERVICEPLATFORMEN_CVR: '29189757',
    };
    expect(digitalPostTransportFor(loadConfig(env)).name).toBe('sf1601');
    expect(() => loadConfig({ ...env, SERVICEPLATFORMEN_CVR: '' })).toThrow(/SERVICEPLATFORMEN_CVR is required/);
    expect(() => loadConfig({ ...env, DIGITAL_POST_TRANSPORT: 'memo' })).toThrow(/must be one of folder, sf1601/);
  });
});
