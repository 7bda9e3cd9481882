import { readFileSync } from 'node:fs';
import { importText } from '../../src/importers';
import { importFile, type ImportProgress } from '../../src/options/import-file';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/exports/${name}`, import.meta.url));

describe('importFile', () => {
  it('gives the same campaign as importing the whole text, reporting progress per slice', async () => {
    const bytes = fixture('sendgrid-webhook.json');
    const progress: ImportProgress[] = [];
    const result = await importFile(new Blob([bytes]), { fileName: 'sendgrid-webhook.json' }, {
      onProgress: (step) => progress.push(step),
      sliceBytes: 1000,
    });
    const whole = importText(bytes.toString('utf8'), { fileName: 'sendgrid-webhook.json' });
    expect(result).toEqual({ ...whole, encoding: 'utf-8' });
    expect(result.campaign.events.length).toBeGreaterThan(0);
    expect(progress[0]).toEqual({ bytesRead: 0, totalBytes: bytes.length });
    expect(progress.at(-1)).toEqual({ bytesRead: bytes.length, totalBytes: bytes.length });
    expect(progress).toHaveLength(Math.ceil(bytes.length / 1000) + 1);
  });

  it('joins a multi-byte character split between two slices', async () => {
    const csv = 'Email,Event,Timestamp,URL\nzoë@example.com,click,2025-02-13T17:00:41Z,https://shop.example.com/café\n';
    const bytes = new TextEncoder().encode(csv);
    const splitAt = bytes.indexOf(0xc3); // first byte of "ë"
    const result = await importFile(new Blob([bytes]), { fileName: 'clicks.csv' }, { sliceBytes: splitAt + 1 });
    expect(result.campaign.events[0]?.recipient).toBe('zoë@example.com');
    expect(result.campaign.events[0]?.url).toBe('https://shop.example.com/café');
  });

  it('reads a Windows-1252 export (Excel on Windows) instead of losing its accented words', async () => {
    const csv = 'E-Mail;Ereignis;Zeitpunkt\nzoë@example.de;Öffnung;2025-02-13T17:42:00Z\nzoë@example.de;Öffnung;2025-02-13T18:05:00Z\n';
    const bytes = Uint8Array.from(csv, (char) => char.charCodeAt(0)); // Latin-1 bytes: Ö is 0xD6, ë is 0xEB
    const result = await importFile(new Blob([bytes]), { fileName: 'oeffnungen.csv' }, { sliceBytes: 16 });
    expect(result.campaign.events.map((event) => [event.type, event.recipient])).toEqual([
      ['open', 'zoë@example.de'],
      ['open', 'zoë@example.de'],
    ]);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(importFile(new Blob([fixture('generic-activity.csv')]), {}, { signal: controller.signal })).rejects.toThrow(
      'import cancelled',
    );
  });

  it('speaks of choosing a format, never of a command-line flag, and refuses a workbook in a sentence', async () => {
    const unknownJson = new TextEncoder().encode(JSON.stringify([{ colour: 'blue', size: 3 }]));
    const headerless = new TextEncoder().encode('just some notes\nnothing to see\n');
    const forcedWrong = new TextEncoder().encode('email,event\na@x.example,open\n');
    const messages = [
      ...(await importFile(new Blob([unknownJson]), { fileName: 'a.json' })).errors,
      ...(await importFile(new Blob([headerless]), { fileName: 'notes.txt' })).errors,
      ...(await importFile(new Blob([forcedWrong]), { fileName: 'b.csv', format: 'ndjson' })).errors,
    ].map((error) => error.message);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const message of messages) expect(message).not.toMatch(/--[a-z]/);
    const workbook = await importFile(new Blob([Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0])]), { fileName: 'report.xlsx' });
    expect(workbook.unreadable).toMatch(/^is a ZIP archive or an Excel\/OpenDocument workbook/);
  });
});
