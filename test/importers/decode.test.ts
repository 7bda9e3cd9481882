// One decoding path for the CLI and the options page (src/importers/decode.ts via importBytes): every encoding
// ESP exports arrive in, workbooks refused with a sentence, and bad bytes reported with their line.
import { ExportDecoder, SNIFF_BYTES, describeBinary } from '../../src/importers/decode';
import { importBytes, importText } from '../../src/importers/index';

const CSV = 'E-Mail;Ereignis;Zeitpunkt;IP\nzoë@example.de;Öffnung;2025-02-13T17:42:00Z;81.2.69.160\nzoë@example.de;Klick;2025-02-13T17:43:00Z;81.2.69.160\n';

function utf16(text: string, order: 'le' | 'be', mark: boolean): Uint8Array {
  const bytes = new Uint8Array((text.length + (mark ? 1 : 0)) * 2);
  const units = (mark ? '\uFEFF' : '') + text;
  for (let i = 0; i < units.length; i++) {
    const unit = units.charCodeAt(i);
    bytes[2 * i + (order === 'le' ? 0 : 1)] = unit & 0xff;
    bytes[2 * i + (order === 'le' ? 1 : 0)] = unit >> 8;
  }
  return bytes;
}

/** The bytes in slices of `size`, as a file stream or a File's slices arrive. */
function* slices(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

const expected = importText(CSV, { fileName: 'x.csv' }).campaign.events.map((event) => [event.type, event.recipient]);

describe('importBytes decodes every encoding exports come in', () => {
  it.each([
    ['UTF-8', new TextEncoder().encode(CSV), 'utf-8'],
    ['UTF-8 with a byte-order mark', new TextEncoder().encode(`\uFEFF${CSV}`), 'utf-8'],
    ['UTF-16LE with a mark (Excel "Unicode text")', utf16(CSV, 'le', true), 'utf-16le'],
    ['UTF-16BE with a mark', utf16(CSV, 'be', true), 'utf-16be'],
    ['UTF-16LE without a mark', utf16(CSV, 'le', false), 'utf-16le'],
    ['UTF-16BE without a mark', utf16(CSV, 'be', false), 'utf-16be'],
    ['Windows-1252 (Excel "CSV" on Windows)', Uint8Array.from(CSV, (char) => char.charCodeAt(0)), 'windows-1252'],
  ])('%s, in 7-byte slices', async (_name, bytes, encoding) => {
    const result = await importBytes(slices(bytes, 7), { fileName: 'x.csv' });
    expect(result.encoding).toBe(encoding);
    expect(result.campaign.events.map((event) => [event.type, event.recipient])).toEqual(expected);
    expect(expected).toEqual([
      ['open', 'zoë@example.de'],
      ['click', 'zoë@example.de'],
    ]);
  });

  it('says when it fell back to Windows-1252', async () => {
    const result = await importBytes([Uint8Array.from(CSV, (char) => char.charCodeAt(0))], { fileName: 'x.csv' });
    expect(result.errors.map((error) => error.message)).toContain('line 1: the file is not UTF-8; it was read as Windows-1252 (what Excel on Windows saves)');
  });

  it('refuses a workbook with a sentence instead of reading its bytes as text', async () => {
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, ...new TextEncoder().encode('[Content_Types].xml')]);
    const result = await importBytes([xlsx], { fileName: 'export.xlsx' });
    expect(result.unreadable).toMatch(/Excel\/OpenDocument workbook; unzip it, or save the sheet as CSV \(UTF-8\)/);
    expect(result.campaign.events).toEqual([]);
    expect(describeBinary(Uint8Array.from([0, 1, 2, 3, 0, 0, 9]))).toMatch(/binary data/);
  });

  it('reports invalid UTF-8 far past the sniffed start with its line, and keeps every row', async () => {
    const rows = ['email,event,timestamp'];
    for (let i = 0, length = rows[0]!.length; length < SNIFF_BYTES * 3; i++) {
      const row = `p${i}@example.org,open,2025-02-13T17:00:00Z`;
      rows.push(row);
      length += 1 + row.length;
    }
    const badLine = rows.length + 1;
    rows.push('bad@example.org,open,2025-02-13T17:00:00Z');
    rows.push('after@example.org,open,2025-02-13T17:00:01Z');
    const bytes = new TextEncoder().encode(`${rows.join('\n')}\n`);
    // 0xFF can never start a UTF-8 character: put it inside the bad row's address.
    const at = bytes.length - 'after@example.org,open,2025-02-13T17:00:01Z\n'.length - 'open,2025-02-13T17:00:00Z\n'.length - 5;
    bytes[at] = 0xff;
    const result = await importBytes(slices(bytes, 4096), { fileName: 'opens.csv' });
    expect(result.encoding).toBe('utf-8');
    expect(result.campaign.events).toHaveLength(rows.length - 1);
    expect(result.campaign.events.at(-1)!.recipient).toBe('after@example.org');
    const warning = result.errors.find((error) => error.message.includes('not UTF-8'));
    expect(warning?.message).toBe(`line ${badLine}: bytes that are not UTF-8 were replaced by \uFFFD (is part of the file in another encoding?)`);
  });

  it('reads 1 MiB slices (the CLI reads) like small ones: characters across piece borders, bad bytes by line', async () => {
    const rows = ['email,event,timestamp'];
    for (let i = 0; i < 12_000; i++) rows.push(`zoë.ñ${i}.😀@example.org,open,2025-02-13T17:00:00Z`);
    const bytes = new TextEncoder().encode(`${rows.join('\n')}\n`);
    const badLine = 9000;
    let at = -1;
    for (let line = 1; line < badLine; line++) at = bytes.indexOf(10, at + 1);
    bytes[at + 2] = 0xff; // inside that line's address
    const big = await importBytes(slices(bytes, 1 << 20), { fileName: 'opens.csv' });
    const small = await importBytes(slices(bytes, 4096), { fileName: 'opens.csv' });
    expect(big).toEqual(small);
    expect(big.campaign.events).toHaveLength(rows.length - 1);
    expect(big.campaign.events[badLine - 2]!.recipient).toMatch(/^z\uFFFD/);
    expect(big.campaign.events[badLine]!.recipient).toBe(`zoë.ñ${badLine}.😀@example.org`);
    expect(big.errors.map((error) => error.message)).toEqual([
      `line ${badLine}: bytes that are not UTF-8 were replaced by \uFFFD (is part of the file in another encoding?)`,
    ]);
  });

  it('joins a character split between slices without a warning', () => {
    const decoder = new ExportDecoder();
    const bytes = new TextEncoder().encode('é'.repeat(SNIFF_BYTES));
    let text = '';
    for (const slice of slices(bytes, 4097)) text += decoder.push(slice);
    text += decoder.finish();
    expect(text).toBe('é'.repeat(SNIFF_BYTES));
    expect(decoder.warnings).toEqual([]);
  });
});
