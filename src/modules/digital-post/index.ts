// The public entry of the digital-post module: the outbox for MeMo messages (layout rule module-internal-import).
export { digitalPostOutboxJob } from './job.ts';
export {
  BACKOFF_MINUTES,
  deliveryStatus,
  enqueueMessage,
  listOutbox,
  requeueMessage,
  workOutbox,
  type DeliveryStatus,
  type OutboxListItem,
  type OutboxRow,
  type WorkOptions,
  type WorkResult,
} from './outbox.ts';
export {
  channelTransport,
  defaultDropDir,
  defaultPrintDropDir,
  folderDropTransport,
  type DigitalPostTransport,
} from './transports.ts';
export { memoXml, type MemoFile, type MemoMessage } from './memo.ts';
export { digitalPostTransportFor } from './choose.ts';
export { KOMBI_VALG_KODE, SF1601_ENTITY_ID, sf1601Transport, type Sf1601Options } from './sf1601.ts';
