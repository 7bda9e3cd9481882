// Imported opens and clicks kept as columns (ImportOptions.eventColumns): the numbers in typed arrays that grow
// by doubling, the texts in plain lists of the strings the reader already holds. Nothing per event is an object,
// so the garbage collector has only the strings themselves to copy while a big export streams in. A text column
// is started only when an event first has that field (exports without agents or links never fill one).
import { doubled } from '../shared/typed-arrays';
import type { EventColumns, EventType } from '../shared/types';

const FIRST_CAPACITY = 1024;

type TextField = 'recipient' | 'ip' | 'userAgent' | 'url' | 'messageId' | 'sourceBotHint';

export class EventColumnsBuilder {
  private length = 0;
  private click = new Uint8Array(FIRST_CAPACITY);
  private sourceIndex = new Float64Array(FIRST_CAPACITY);
  private timestamp = new Float64Array(FIRST_CAPACITY);
  private count = new Float64Array(FIRST_CAPACITY);
  private readonly texts: Record<TextField, Array<string | undefined> | undefined> = {
    recipient: undefined,
    ip: undefined,
    userAgent: undefined,
    url: undefined,
    messageId: undefined,
    sourceBotHint: undefined,
  };

  push(
    type: EventType,
    sourceIndex: number,
    recipient: string | undefined,
    timestamp: number | undefined,
    ip: string | undefined,
    userAgent: string | undefined,
    url: string | undefined,
    messageId: string | undefined,
    sourceBotHint: string | undefined,
    count: number | undefined,
  ): void {
    const i = this.length;
    if (i === this.click.length) {
      this.click = doubled(this.click);
      this.sourceIndex = doubled(this.sourceIndex);
      this.timestamp = doubled(this.timestamp);
      this.count = doubled(this.count);
    }
    this.click[i] = type === 'click' ? 1 : 0;
    this.sourceIndex[i] = sourceIndex;
    this.timestamp[i] = timestamp ?? Number.NaN;
    this.count[i] = count ?? Number.NaN;
    this.text('recipient', i, recipient);
    this.text('ip', i, ip);
    this.text('userAgent', i, userAgent);
    this.text('url', i, url);
    this.text('messageId', i, messageId);
    this.text('sourceBotHint', i, sourceBotHint);
    this.length = i + 1;
  }

  private text(field: TextField, i: number, value: string | undefined): void {
    const column = this.texts[field];
    if (column !== undefined) column.push(value);
    else if (value !== undefined) {
      // The first event with this field: the column starts here, the events before it had none.
      const started = new Array<string | undefined>(i).fill(undefined);
      started.push(value);
      this.texts[field] = started;
    }
  }

  /** The columns, each exactly `length` long (views of the typed arrays: no copy). */
  build(): EventColumns {
    const n = this.length;
    const columns: EventColumns = {
      length: n,
      click: this.click.subarray(0, n),
      sourceIndex: this.sourceIndex.subarray(0, n),
      timestamp: this.timestamp.subarray(0, n),
      count: this.count.subarray(0, n),
    };
    for (const field of Object.keys(this.texts) as TextField[]) {
      const column = this.texts[field];
      if (column !== undefined) columns[field] = column;
    }
    return columns;
  }
}
