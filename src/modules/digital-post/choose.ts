import type { Config } from '../../config.ts';
import { readTlsFiles } from '../serviceplatformen/index.ts';
import { SF1601_KOMBI_PATH, SF1601_TOKEN_PATH, sf1601Transport } from './sf1601.ts';
import { defaultDropDir, folderDropTransport, type DigitalPostTransport } from './transports.ts';

/**
 * The transport DIGITAL_POST_TRANSPORT chooses: `folder` (one MeMo file per message in
 * DATA_DIR/digital-post/outbox, the default) or `sf1601` (KombiPostAfsend through
 * Serviceplatformen with the SERVICEPLATFORMEN_* settings; the certificate files are read here).
 */
export function digitalPostTransportFor(
  config: Pick<Config, 'digitalPostTransport' | 'serviceplatformen' | 'dataDir'>,
): DigitalPostTransport {
  if (config.digitalPostTransport === 'folder') return folderDropTransport(defaultDropDir(config.dataDir));
  const sp = config.serviceplatformen;
  if (!sp?.stsUrl || !sp.cvr) throw new Error('DIGITAL_POST_TRANSPORT=sf1601 needs the SERVICEPLATFORMEN_* settings');
  return sf1601Transport({
    stsUrl: sp.stsUrl,
    tokenUrl: `${sp.url}${SF1601_TOKEN_PATH}`,
    url: `${sp.url}${SF1601_KOMBI_PATH}`,
    tls: readTlsFiles(sp),
    authorityCvr: sp.cvr,
    timeoutMs: sp.timeoutMs,
  });
}
