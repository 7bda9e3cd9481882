// What the published rule sets need from a campaign: each event's delivery (per recipient, else the send time).
import type { Campaign } from '../../../src/shared/types';

export type BaselineLabel = 'human' | 'scanner' | 'proxy';

/** Seconds from the recipient's delivery (or the campaign send time) to each event; NaN when unknown. */
export function secondsAfterSend(campaign: Campaign): number[] {
  const delivered = new Map<string, number>();
  for (const delivery of campaign.deliveries ?? []) delivered.set(delivery.recipient, delivery.deliveredAt);
  return campaign.events.map((event) => {
    const from = (event.recipient === undefined ? undefined : delivered.get(event.recipient)) ?? campaign.sentAt;
    return event.timestamp === undefined || from === undefined ? Number.NaN : (event.timestamp - from) / 1000;
  });
}
