// The ESP's own machine flag (SendGrid `sg_machine_open`, Mailgun `client-info.bot`, HubSpot `filteredEvent`).
// ESPs mostly flag Apple's prefetch and obvious bots; a hint, not a verdict.
import { addEvidence, type ClassifierContext, type Evidence } from '../context';
import { declareSignal } from '../signal';

export const SOURCE_BOT_HINT_SIGNAL = declareSignal({
  id: 'source-bot-hint',
  stage: 'event',
  reasons: {
    "source-bot-hint": "The email service itself flagged this event as a machine.",
  },
  evidence: {
    SOURCE_SAYS_BOT: { code: 'source-bot-hint', weight: 1.5, kind: 'neutral', weak: true },
    SOURCE_SAYS_APPLE_PROXY: { code: 'source-bot-hint', weight: 3.0, kind: 'proxy', weak: false, vendor: 'apple-icloud' },
  },
});

const SOURCE_SAYS_BOT = SOURCE_BOT_HINT_SIGNAL.evidence.SOURCE_SAYS_BOT;

const NOT_A_BOT = new Set(['', 'false', '0', 'no', 'none', 'null', 'undefined', 'human', 'n', 'f']);

export function sourceSaysBot(hint: string | undefined): boolean {
  return hint !== undefined && !NOT_A_BOT.has(hint.trim().toLowerCase());
}

/**
 * Flags that name Apple's prefetch: SendGrid's `sg_machine_open` marks Apple Mail Privacy Protection opens,
 * Brevo's `proxy_open`, Mailgun's `client-info.bot: apple`, and the "Apple Privacy"/"Loaded by proxy" tags report
 * pages show.
 * On an open that is the ESP telling us it was the proxy, with or without an agent to confirm it.
 */
const SOURCE_SAYS_APPLE_PROXY = SOURCE_BOT_HINT_SIGNAL.evidence.SOURCE_SAYS_APPLE_PROXY;
// Any "proxy"/"prefetch" wording in any language's tag ("Proxy open", "Loaded by proxy", "Geöffnet (Proxy)"):
// the only image proxy ESPs flag as a machine is Apple's (Gmail's and Yahoo's are excluded below).
const APPLE_PROXY_HINT = /apple|privacy|\bmpp\b|sg_machine_open|\bprox(?:y|ied)\b|proxy[-_ ]open|pre-?fetch/i;
/** Gmail's and Yahoo's image proxies fetch when the person opens: the ESP's "bot" there is a person. */
const PERSON_PROXY_HINT = /gmail|google|yahoo/i;

export function sourceBotHintSignal(ctx: ClassifierContext): void {
  for (let i = 0; i < ctx.length; i++) {
    const hint = ctx.sourceBotHint[i];
    if (!sourceSaysBot(hint)) continue;
    if (PERSON_PROXY_HINT.test(hint!)) continue;
    if (ctx.click[i] === 0 && APPLE_PROXY_HINT.test(hint!)) addEvidence(ctx, i, SOURCE_SAYS_APPLE_PROXY);
    else addEvidence(ctx, i, SOURCE_SAYS_BOT);
  }
}
