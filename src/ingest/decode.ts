/**
 * Bytes → text, as archives hold it: UTF-8 with or without BOM, UTF-16 (BOM), and legacy
 * single-byte encodings (Windows-1252 / Latin-1, …) detected with chardet and converted with iconv-lite.
 */
import { analyse } from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read as, e.g. "utf-8", "utf-16le", "windows-1252". */
  encoding: string;
}

/** Thrown when the bytes are not text (NUL bytes, or too many undecodable bytes). */
export class BinaryFileError extends Error {
  override name = 'BinaryFileError';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a file's bytes to a string. Throws {@link BinaryFileError} with a reason fit for the
 * index report when the bytes look binary.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2) {
    const [b0, b1] = [bytes[0], bytes[1]];
    if (b0 === 0xff && b1 === 0xfe) return { text: stripBom(iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le')), encoding: 'utf-16le' };
    if (b0 === 0xfe && b1 === 0xff) return { text: stripBom(iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be')), encoding: 'utf-16be' };
  }
  if (bytes.includes(0)) throw new BinaryFileError('binary file (contains NUL bytes)');
  try {
    return { text: stripBom(utf8.decode(bytes)), encoding: 'utf-8' };
  } catch {
    // not valid UTF-8: fall through to detection
  }
  let controls = 0;
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  if (controls > bytes.length * 0.05) throw new BinaryFileError('binary file (control bytes)');
  const candidates = analyse(bytes)
    .map((m) => m.name.toLowerCase())
    .filter((n) => n !== 'utf-8' && !n.startsWith('utf-16') && !n.startsWith('utf-32') && iconv.encodingExists(n));
  // chardet names Windows-1252 text "ISO-8859-1" when no 0x80–0x9F byte occurs; decoding as
  // windows-1252 is a superset for the printable range, so prefer it for the Latin-1 family.
  let encoding = candidates[0] ?? 'windows-1252';
  if (encoding === 'iso-8859-1' || encoding === 'iso-8859-15') encoding = 'windows-1252';
  return { text: stripBom(iconv.decode(Buffer.from(bytes), encoding)), encoding };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
