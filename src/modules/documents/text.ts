import iconv from 'iconv-lite';

/**
 * Decoding text files of unknown encoding: a byte-order mark decides (UTF-8, UTF-16 LE/BE);
 * otherwise valid UTF-8 is UTF-8, and anything else is taken as Windows-1252, the encoding of
 * older Danish Windows files (a superset of ISO 8859-1 for printable characters).
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function decodeText(buffer: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(buffer.subarray(3)), encoding: 'utf-8' };
  }
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(buffer.subarray(2)), encoding: 'utf-16le' };
  }
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(buffer.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    // Node's own TextDecoder('windows-1252') decodes as ISO 8859-1 (0x80 is not '€'), hence iconv-lite.
    return {
      text: iconv.decode(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength), 'win1252'),
      encoding: 'windows-1252',
    };
  }
}
