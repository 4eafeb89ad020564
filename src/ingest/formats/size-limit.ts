import { inflateRawSync, inflateSync, constants } from 'node:zlib';
import type { ExtractLimits } from '../../types.ts';

const mb = (n: number) => (n < 1_048_576 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1_048_576).toFixed(n < 10_485_760 ? 1 : 0)} MB`);

/** Throws the index-report reason for a file over `limits.maxBytes`. */
export function checkSize(bytes: Uint8Array, limits: ExtractLimits): void {
  if (bytes.byteLength > limits.maxBytes) {
    throw new Error(`too large (${mb(bytes.byteLength)}; the limit is ${mb(limits.maxBytes)})`);
  }
}

/** How many times EXTRACT_MAX_BYTES a file may unpack to (zip entries, PDF streams): 200 MB by default. */
export const UNPACK_FACTOR = 10;

/** The bound on what one file may unpack to, in bytes. */
export const unpackedLimit = (limits: ExtractLimits): number => limits.maxBytes * UNPACK_FACTOR;

/** The index-report reason for a file that unpacks to more than `limitBytes` (a compression bomb). */
export function tooLargeUnpacked(limitBytes: number): Error {
  return new Error(`too large when unpacked (over ${Math.round(limitBytes / 1_048_576)} MB)`);
}

/** Messages of V8/zip failures that mean "the unpacked content did not fit" rather than "corrupt". */
export const OUT_OF_ROOM =
  /Cannot create a string longer than|Invalid string length|Array buffer allocation failed|uncompressed data size mismatch|ERR_BUFFER_TOO_LARGE|Cannot create a Buffer larger than/i;

const u16 = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number) => (u16(b, i) + u16(b, i + 2) * 65536) >>> 0;

/** Inflates at most `room` bytes; returns the size produced, or Infinity when it needs more. Corrupt data counts what came out before the damage (0). */
function inflatedSize(data: Uint8Array, raw: boolean, room: number): number {
  try {
    const opts = { maxOutputLength: Math.max(1, room + 1), finishFlush: constants.Z_SYNC_FLUSH };
    const out = raw ? inflateRawSync(data, opts) : inflateSync(data, opts);
    return out.byteLength > room ? Infinity : out.byteLength;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) return Infinity;
    return 0;
  }
}

/**
 * Refuses a zip file (.docx) whose entries unpack to more than {@link unpackedLimit}: first by the
 * sizes its central directory declares (no unpacking at all), then by inflating each deflated entry
 * with its output capped at what is left of the bound, so an entry that lies about its size is caught
 * without ever holding more than the bound in memory. Not a zip (no end record): returns, and the
 * parser reports what it is.
 */
export function checkZipUnpacked(bytes: Uint8Array, limits: ExtractLimits): void {
  const limit = unpackedLimit(limits);
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 65_557); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return;
  const count = u16(bytes, eocd + 10);
  let at = u32(bytes, eocd + 16);
  const entries: { method: number; compressed: number; local: number }[] = [];
  let declared = 0;
  for (let n = 0; n < count && at + 46 <= bytes.byteLength && u32(bytes, at) === 0x02014b50; n++) {
    const size = u32(bytes, at + 24);
    // 0xFFFFFFFF: a ZIP64 entry of 4 GB or more.
    declared += size === 0xffffffff ? Infinity : size;
    if (declared > limit) throw tooLargeUnpacked(limit);
    entries.push({ method: u16(bytes, at + 10), compressed: u32(bytes, at + 20), local: u32(bytes, at + 42) });
    at += 46 + u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  let actual = 0;
  for (const e of entries) {
    if (u32(bytes, e.local) !== 0x04034b50) continue;
    const start = e.local + 30 + u16(bytes, e.local + 26) + u16(bytes, e.local + 28);
    const data = bytes.subarray(start, start + e.compressed);
    actual += e.method === 8 ? inflatedSize(data, true, limit - actual) : data.byteLength;
    if (actual > limit) throw tooLargeUnpacked(limit);
  }
}

/**
 * Whether a PDF's Flate streams unpack to more than {@link unpackedLimit} (each inflated with its
 * output capped at what is left of the bound). Called when pdf.js found no text or failed, to tell a
 * compression bomb from a scan or a corrupt file.
 */
export function pdfUnpacksTooLarge(bytes: Uint8Array, limits: ExtractLimits): boolean {
  const limit = unpackedLimit(limits);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let at = 0;
  for (;;) {
    const kw = buf.indexOf('stream', at, 'latin1');
    if (kw < 0) return false;
    let start = kw + 6;
    if (buf[kw - 3] === 0x65 && buf[kw - 2] === 0x6e && buf[kw - 1] === 0x64) {
      at = start; // "endstream"
      continue;
    }
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const end = buf.indexOf('endstream', start, 'latin1');
    if (end < 0) return false;
    // A zlib header (0x78 ..): a FlateDecode stream.
    if (buf[start] === 0x78) total += inflatedSize(buf.subarray(start, end), false, limit - total);
    if (total > limit) return true;
    at = end + 9;
  }
}
