// The ESP's own machine flag (SendGrid `sg_machine_open`, Mailgun `client-info.bot`, HubSpot `filteredEvent`).
// ESPs mostly flag Apple's prefetch and obvious bots; a hint, not a verdict.
import { addEvidence, type ClassifierContext, type Evidence } from '../context';

const SOURCE_SAYS_BOT: Evidence = { code: 'source-bot-hint', weight: 1.5, kind: 'neutral', weak: true };

const NOT_A_BOT = new Set(['', 'false', '0', 'no', 'none', 'null', 'undefined', 'human', 'n', 'f']);

export function sourceSaysBot(hint: string | undefined): boolean {
  return hint !== undefined && !NOT_A_BOT.has(hint.trim().toLowerCase());
}

export function sourceBotHintSignal(ctx: ClassifierContext): void {
  for (let i = 0; i < ctx.events.length; i++) {
    if (sourceSaysBot(ctx.events[i]!.sourceBotHint)) {
      addEvidence(ctx, i, SOURCE_SAYS_BOT);
    }
  }
}
