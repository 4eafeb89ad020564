import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocx } from '../../../src/ingest/formats/docx.ts';
import { extractPdf } from '../../../src/ingest/formats/pdf.ts';
import { closeExtractorWorkers, extractInWorker } from '../../../src/ingest/formats/worker-pool.ts';
import { loadLibrary } from '../../../src/ingest/load-library.ts';
import type { ExtractLimits, IngestReport, LibraryDocument } from '../../../src/types.ts';
import { FIXTURES } from './helpers.ts';

// EXTRACT_MAX_BYTES of 1 MiB: files may unpack to 10 MB; the bombs below unpack to 30 MB from ~30 KB.
const LIMITS: ExtractLimits = { timeoutMs: 20_000, maxBytes: 1_048_576 };
const REASON = 'too large when unpacked (over 10 MB)';
const ZEROS = Buffer.alloc(30 * 1_048_576);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = (CRC_TABLE[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip written by hand: each entry deflated, its declared size `declared` when given (a lying entry). */
function zip(entries: { name: string; data: Uint8Array; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data);
    const crc = crc32(e.data);
    const size = e.declared ?? e.data.byteLength;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.byteLength, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.byteLength + packed.byteLength;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/></Types>';
const docxBomb = (declared?: number) =>
  zip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: 'word/document.xml', data: ZEROS, ...(declared === undefined ? {} : { declared }) },
  ]);

/** A one-page PDF whose content stream is 30 MB of zeros, flate-compressed to ~30 KB. */
function pdfBomb(): Buffer {
  const stream = deflateSync(ZEROS);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
  ].map((o) => Buffer.from(o));
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let at = parts[0]!.byteLength;
  const add = (b: Buffer) => {
    parts.push(b);
    at += b.byteLength;
  };
  objects.forEach((o, i) => {
    offsets.push(at);
    add(Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]));
  });
  offsets.push(at);
  add(
    Buffer.concat([
      Buffer.from(`4 0 obj\n<< /Length ${stream.byteLength} /Filter /FlateDecode >>\nstream\n`),
      stream,
      Buffer.from('\nendstream\nendobj\n'),
    ]),
  );
  const xref = at;
  add(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`));
  add(Buffer.from(`trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(parts);
}

describe('compression bombs', () => {
  it('refuses a .docx whose parts declare more than the unpacked bound, before unpacking', async () => {
    const bomb = docxBomb();
    expect(bomb.byteLength).toBeLessThan(100_000);
    await expect(extractDocx(new Uint8Array(bomb), 'bomb.docx', LIMITS)).rejects.toThrow(REASON);
  });

  it('refuses a .docx whose part lies about its unpacked size', async () => {
    await expect(extractDocx(new Uint8Array(docxBomb(1000)), 'liar.docx', LIMITS)).rejects.toThrow(REASON);
  });

  it('says a PDF with a flate-stream bomb is too large when unpacked, not "no text layer"', async () => {
    await expect(extractPdf(new Uint8Array(pdfBomb()), 'bomb.pdf', LIMITS)).rejects.toThrow(REASON);
  });
});

describe('a parse worker that runs out of memory', () => {
  const greedy = { workerUrl: new URL('./greedy-worker.mjs', import.meta.url), maxMemoryMb: 32 };
  afterAll(closeExtractorWorkers);

  it('reports a PDF or Word file as too large when unpacked, with the worker memory bound', async () => {
    await expect(extractInWorker('.pdf', new Uint8Array(8), 'x.pdf', LIMITS, greedy)).rejects.toThrow('too large when unpacked (over 32 MB)');
    await expect(extractInWorker('.docx', new Uint8Array(8), 'x.docx', LIMITS, greedy)).rejects.toThrow('too large when unpacked (over 32 MB)');
  }, 30_000);

  it('still says "ran out of memory" for a format that is not compressed', async () => {
    await expect(extractInWorker('.html', new Uint8Array(8), 'x.html', LIMITS, greedy)).rejects.toThrow('ran out of memory while parsing');
  }, 30_000);
});

describe('compression bombs in a library folder', () => {
  let root: string;
  let documents: LibraryDocument[];
  let report: IngestReport;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'verbatim-bombs-'));
    writeFileSync(path.join(root, 'bomb.docx'), docxBomb());
    writeFileSync(path.join(root, 'liar.docx'), docxBomb(1000));
    writeFileSync(path.join(root, 'bomb.pdf'), pdfBomb());
    cpSync(new URL('cnd-report.docx', FIXTURES).pathname, path.join(root, 'cnd-report.docx'));
    writeFileSync(path.join(root, 'statement.txt'), 'The Assembly adopted the resolution on the rule of law without a vote.\n');
    ({ documents, report } = await loadLibrary(root, { limits: LIMITS }));
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports each bomb with the reason and indexes the rest of the folder', () => {
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    expect(reasons).toEqual({ 'bomb.docx': REASON, 'liar.docx': REASON, 'bomb.pdf': REASON });
    expect(documents.map((d) => d.path).sort()).toEqual(['cnd-report.docx', 'statement.txt']);
  });
});
