import type { Config } from '../../config.ts';
import { readTlsFiles } from '../serviceplatformen/index.ts';
import { SF1601_KOMBI_PATH, SF1601_TOKEN_PATH, sf1601Transport } from './sf1601.ts';
import {
  channelTransport,
  defaultDropDir,
  defaultPrintDropDir,
  folderDropTransport,
  type DigitalPostTransport,
} from './transports.ts';

/**
 * The transport DIGITAL_POST_TRANSPORT chooses for digital messages: `folder` (one MeMo file per
 * message in DATA_DIR/digital-post/outbox, the default) or `sf1601` (KombiPostAfsend through
 * Serviceplatformen with the SERVICEPLATFORMEN_* settings; the certificate files are read here).
 */
export function digitalPostTransportFor(
  config: Pick<Config, 'digitalPostTransport' | 'serviceplatformen' | 'dataDir'>,
): DigitalPostTransport {
  // Remote print (the 'print' channel) goes to its folder drop with either transport: SF1601 is
  // sent with KombiValgKode 'Digital Post' only (the other codes need a ForsendelseI we do not hold).
  const print = folderDropTransport(defaultPrintDropDir(config.dataDir));
  if (config.digitalPostTransport === 'folder')
    return channelTransport({ digital: folderDropTransport(defaultDropDir(config.dataDir)), print });
  const sp = config.serviceplatformen;
  if (!sp?.stsUrl || !sp.cvr) throw new Error('DIGITAL_POST_TRANSPORT=sf1601 needs the SERVICEPLATFORMEN_* settings');
  const digital = sf1601Transport({
    stsUrl: sp.stsUrl,
    tokenUrl: `${sp.url}${SF1601_TOKEN_PATH}`,
    url: `${sp.url}${SF1601_KOMBI_PATH}`,
    tls: readTlsFiles(sp),
    authorityCvr: sp.cvr,
    timeoutMs: sp.timeoutMs,
  });
  return channelTransport({ digital, print });
}
