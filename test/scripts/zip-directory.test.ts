// The store packages are written by our own ZIP writer: read them back through the central directory, as a
// store's unpacker does, and check names, sizes, CRCs and bytes against the source files.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
// @ts-expect-error: a plain .mjs build script without type declarations
import { zipDirectory } from './zip-directory.mjs';

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  data: Buffer;
}

/** Reads every entry through the end record and the central directory (APPNOTE 4.3.16, 4.3.12, 4.3.7). */
function readZip(zip: Buffer): ZipEntry[] {
  const endOffset = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(endOffset).toBeGreaterThan(-1);
  const count = zip.readUInt16LE(endOffset + 10);
  let offset = zip.readUInt32LE(endOffset + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    expect(zip.readUInt32LE(offset)).toBe(0x02014b50);
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    expect(zip.readUInt32LE(localOffset)).toBe(0x04034b50);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const body = zip.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(data.length, `size of ${name}`).toBe(size);
    entries.push({ name, method, crc, data });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function makeExtensionTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sieve-zip-src-'));
  mkdirSync(join(dir, 'assets'), { recursive: true });
  mkdirSync(join(dir, '_locales', 'en'), { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'Scanner Sieve', version: '0.1.0' }));
  writeFileSync(join(dir, 'assets', 'main.js'), 'console.log("scanner sieve");\n'.repeat(200));
  writeFileSync(join(dir, '_locales', 'en', 'messages.json'), JSON.stringify({ extName: { message: 'Scanner Sieve — ünïcode' } }));
  // Incompressible bytes (like a PNG icon) are stored, not deflated.
  const noise = Buffer.alloc(4096);
  for (let index = 0; index < noise.length; index += 1) noise[index] = (index * 2654435761) >>> 24;
  writeFileSync(join(dir, 'assets', 'icon.bin'), noise);
  return dir;
}

describe('zipDirectory', () => {
  it('writes every file with its path relative to the directory, manifest.json at the root', () => {
    const source = makeExtensionTree();
    const zipPath = join(mkdtempSync(join(tmpdir(), 'sieve-zip-out-')), 'out.zip');
    expect(zipDirectory(source, zipPath)).toBe(4);
    const entries = readZip(readFileSync(zipPath));
    expect(entries.map((entry) => entry.name)).toEqual([
      '_locales/en/messages.json',
      'assets/icon.bin',
      'assets/main.js',
      'manifest.json',
    ]);
    for (const entry of entries) {
      const original = readFileSync(join(source, entry.name));
      expect(entry.data.equals(original), `bytes of ${entry.name}`).toBe(true);
      expect(entry.crc, `CRC-32 of ${entry.name}`).toBe(crc32(original) >>> 0);
    }
    expect(entries.find((entry) => entry.name === 'assets/main.js')?.method).toBe(8);
  });

  it('gives the same bytes for the same tree (fixed timestamps, sorted entries)', () => {
    const source = makeExtensionTree();
    const out = mkdtempSync(join(tmpdir(), 'sieve-zip-out-'));
    zipDirectory(source, join(out, 'a.zip'));
    zipDirectory(source, join(out, 'b.zip'));
    expect(readFileSync(join(out, 'a.zip')).equals(readFileSync(join(out, 'b.zip')))).toBe(true);
  });
});
