// Nothing lost silently: wherever the importer merges, cuts or skips something, a warning says where (the line)
// and what was done. Field caps follow the extension's message limits (EVENT_FIELD_LIMITS), so one huge cell
// can no longer make the whole options import fail.
import { importText } from '../../src/importers/index';
import { EVENT_FIELD_LIMITS, isCampaign } from '../../src/shared/messages';

describe('field limits', () => {
  it('cuts a 3,000-character agent and a 600-character message id with a warning, and the campaign passes the message check', () => {
    const agent = `Mozilla/5.0 (Windows NT 10.0; Win64; x64) ${'AppleWebKit/537.36 '.repeat(160)}`;
    const id = `<${'a'.repeat(600)}@mail.example>`;
    const records = [
      { email: 'ana@contoso.com', timestamp: 1739466009, event: 'open', ip: '40.94.29.12', useragent: agent, sg_event_id: 'e1', sg_message_id: id },
      { email: 'bob@fabrikam.com', timestamp: 1739466010, event: 'open', ip: '81.2.69.160', useragent: 'Mozilla/5.0', sg_event_id: 'e2', sg_message_id: 'm2' },
    ];
    const result = importText(JSON.stringify(records, null, 2));
    const [first] = result.campaign.events;
    expect(first!.userAgent).toHaveLength(EVENT_FIELD_LIMITS.userAgent);
    expect(first!.messageId).toHaveLength(EVENT_FIELD_LIMITS.messageId);
    expect(result.skippedCount).toBe(0);
    expect(result.errors.map((error) => error.message)).toEqual([
      `line 2 (record 0): the user agent is ${agent.trim().length.toLocaleString('en-US')} characters long; only the first 2,048 were kept`,
      'line 2 (record 0): the message id is 615 characters long; only the first 512 were kept',
    ]);
    expect(isCampaign(result.campaign)).toBe(true);
  });
});

describe('CSV quoting', () => {
  it('an unclosed quote on every row no longer merges rows in pairs: 5,000 rows stay 5,000, with the lines named', () => {
    const rows = ['email,event,timestamp,user agent'];
    for (let i = 0; i < 5000; i++) rows.push(`p${i}@x.example,open,2025-02-13T17:00:${String(i % 60).padStart(2, '0')}Z,"Mozilla/5.0 (X11`);
    const result = importText(rows.join('\n'), { fileName: 'opens.csv' });
    expect(result.campaign.events).toHaveLength(5000);
    expect(result.campaign.events[1]).toMatchObject({ sourceIndex: 1, recipient: 'p1@x.example', userAgent: 'Mozilla/5.0 (X11' });
    const messages = result.errors.map((error) => error.message);
    expect(messages[0]).toBe(
      'line 2: a quote (") opened here is not closed where CSV expects, which would merge lines 2–3 into one row; each line was read as its own row, quotes as plain text',
    );
    expect(messages).toHaveLength(21);
    expect(messages.at(-1)).toBe('… and 2480 more places where an unclosed quote was read as plain text (2500 in all)');
  });

  it('a quoted cell that really spans lines stays one row, without a warning', () => {
    const csv = 'email,event,timestamp,note\nana@x.example,open,2025-02-13T17:00:00Z,"first line\nsecond line"\nbob@x.example,open,2025-02-13T17:00:01Z,plain\n';
    const result = importText(csv);
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.recipient])).toEqual([
      [0, 'ana@x.example'],
      [1, 'bob@x.example'],
    ]);
    expect(result.errors).toEqual([]);
  });

  it('says when unquoted agents split at their commas were joined back', () => {
    const csv = [
      'email,event,timestamp,user agent,ip',
      'ana@x.example,open,2025-02-13T17:00:00Z,Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0,81.2.69.160',
    ].join('\n');
    const result = importText(csv);
    expect(result.campaign.events[0]).toMatchObject({
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0',
      ip: '81.2.69.160',
    });
    expect(result.errors.map((error) => error.message)).toEqual([
      'line 2: a user agent written without quotes was split at its commas; its pieces were joined back into one cell (1 row)',
    ]);
  });
});
