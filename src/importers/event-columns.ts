// Imported opens and clicks kept as columns (ImportOptions.eventColumns): the numbers in typed arrays that grow
// by doubling, the texts in plain lists of the strings the reader already holds. Nothing per event is an object,
// so the garbage collector has only the strings themselves to copy while a big export streams in.
import type { EventColumns, EventType } from '../shared/types';

const FIRST_CAPACITY = 1024;

function grown<T extends Uint8Array | Float64Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

export class EventColumnsBuilder {
  private length = 0;
  private click = new Uint8Array(FIRST_CAPACITY);
  private sourceIndex = new Float64Array(FIRST_CAPACITY);
  private timestamp = new Float64Array(FIRST_CAPACITY);
  private count = new Float64Array(FIRST_CAPACITY);
  private readonly recipient: Array<string | undefined> = [];
  private readonly ip: Array<string | undefined> = [];
  private readonly userAgent: Array<string | undefined> = [];
  private readonly url: Array<string | undefined> = [];
  private readonly messageId: Array<string | undefined> = [];
  private readonly sourceBotHint: Array<string | undefined> = [];

  get size(): number {
    return this.length;
  }

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
      const capacity = i * 2;
      this.click = grown(this.click, capacity);
      this.sourceIndex = grown(this.sourceIndex, capacity);
      this.timestamp = grown(this.timestamp, capacity);
      this.count = grown(this.count, capacity);
    }
    this.click[i] = type === 'click' ? 1 : 0;
    this.sourceIndex[i] = sourceIndex;
    this.timestamp[i] = timestamp ?? Number.NaN;
    this.count[i] = count ?? Number.NaN;
    this.recipient.push(recipient);
    this.ip.push(ip);
    this.userAgent.push(userAgent);
    this.url.push(url);
    this.messageId.push(messageId);
    this.sourceBotHint.push(sourceBotHint);
    this.length = i + 1;
  }

  /** The columns, each exactly `length` long (views of the typed arrays: no copy). */
  build(): EventColumns {
    const n = this.length;
    return {
      length: n,
      click: this.click.subarray(0, n),
      sourceIndex: this.sourceIndex.subarray(0, n),
      timestamp: this.timestamp.subarray(0, n),
      count: this.count.subarray(0, n),
      recipient: this.recipient,
      ip: this.ip,
      userAgent: this.userAgent,
      url: this.url,
      messageId: this.messageId,
      sourceBotHint: this.sourceBotHint,
    };
  }
}
