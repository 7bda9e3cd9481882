// Honeypot links: a link hidden from people (display:none, 1 px) that only a machine follows. The user lists
// URL substrings or /regex/ patterns; a hit is a scanner, and so is that recipient's activity within ±10 s
// (the same sweep).
import { addEvidence, hasEvidence, type ClassifierContext, type Evidence } from '../context';
import { hasTimeWithin } from '../sorted-times';

const NEIGHBOURHOOD_MS = 10_000;
const HONEYPOT_HIT: Evidence = { code: 'honeypot', weight: 6, kind: 'scanner', weak: false };
const NEAR_HONEYPOT: Evidence = { code: 'near-honeypot', weight: 4, kind: 'scanner', weak: false };

/** Longest pattern accepted (a honeypot marker is a path fragment, not an essay). */
export const MAX_HONEYPOT_PATTERN_LENGTH = 200;
/** Only this much of a URL is matched, so even a slow pattern has bounded work per URL. */
const MAX_URL_LENGTH = 2048;
/** Unbounded quantifiers (`*`, `+`, `{n,}`) allowed in one regex: `.*a.*b.*c` is cubic on a miss. */
const MAX_UNBOUNDED_QUANTIFIERS = 2;

/**
 * Why a user's /regex/ honeypot pattern is refused, or undefined when it is safe to run on every URL. Patterns
 * that can backtrack catastrophically — a quantified group that itself contains a quantifier or an alternation
 * (`(a+)+`, `(a|aa)*`, `(\w+\.)*`), backreferences, or many unbounded quantifiers — could freeze the worker on
 * one long URL (ReDoS: https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS).
 */
export function honeypotPatternProblem(source: string): string | undefined {
  if (source.length > MAX_HONEYPOT_PATTERN_LENGTH) return `longer than ${MAX_HONEYPOT_PATTERN_LENGTH} characters`;
  if (/\\[1-9]|\\k</.test(source)) return 'uses a backreference';
  // Scan tokens: escapes and character classes are atoms; groups remember whether they hold a quantifier or `|`.
  const groups: Array<{ quantified: boolean; alternation: boolean }> = [{ quantified: false, alternation: false }];
  let unbounded = 0;
  let lastClosed: { quantified: boolean; alternation: boolean } | undefined;
  for (let k = 0; k < source.length; k++) {
    const ch = source[k]!;
    const closed = lastClosed;
    lastClosed = undefined;
    if (ch === '\\') {
      k++;
      continue;
    }
    if (ch === '[') {
      // Skip the class (a `]` right after `[` or `[^` is literal).
      k++;
      if (source[k] === '^') k++;
      if (source[k] === ']') k++;
      while (k < source.length && source[k] !== ']') k += source[k] === '\\' ? 2 : 1;
      continue;
    }
    if (ch === '(') {
      groups.push({ quantified: false, alternation: false });
      // Group kinds `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`: their `?` is not a quantifier.
      if (source[k + 1] === '?') {
        k += 2;
        if (source[k] === '<' && source[k + 1] !== '=' && source[k + 1] !== '!') {
          while (k < source.length && source[k] !== '>') k++;
        } else if (source[k] === '<') {
          k++;
        }
      }
      continue;
    }
    if (ch === ')') {
      const group = groups.length > 1 ? groups.pop()! : undefined;
      if (group !== undefined) {
        lastClosed = group;
        const parent = groups[groups.length - 1]!;
        parent.quantified ||= group.quantified;
      }
      continue;
    }
    const top = groups[groups.length - 1]!;
    if (ch === '|') {
      top.alternation = true;
      continue;
    }
    const isQuantifier = ch === '*' || ch === '+' || ch === '?' || (ch === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(k)));
    if (!isQuantifier) continue;
    const isUnbounded = ch === '*' || ch === '+' || (ch === '{' && /^\{\d+,\}/.test(source.slice(k)));
    // A lazy/possessive marker after a quantifier is part of it.
    if (ch === '?' && k > 0 && /[*+?}]/.test(source[k - 1]!)) continue;
    if (closed !== undefined && (ch !== '?') && (closed.quantified || closed.alternation)) {
      return 'repeats a group that itself repeats or alternates (catastrophic backtracking)';
    }
    if (isUnbounded && ++unbounded > MAX_UNBOUNDED_QUANTIFIERS) {
      return `has more than ${MAX_UNBOUNDED_QUANTIFIERS} unbounded repeats`;
    }
    top.quantified = true;
  }
  return undefined;
}

export interface CompiledHoneypots {
  matchers: Array<(url: string) => boolean>;
  /** Patterns refused, each with why (for a note to the user). */
  refused: Array<{ pattern: string; problem: string }>;
}

/**
 * User patterns to URL tests. A pattern is a plain, case-insensitive substring unless wrapped in /…/flags;
 * a /regex/ that is invalid or unsafe (see honeypotPatternProblem) is refused, not run.
 */
export function compileHoneypots(patterns: unknown): CompiledHoneypots {
  const compiled: CompiledHoneypots = { matchers: [], refused: [] };
  if (!Array.isArray(patterns)) return compiled;
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || pattern.trim() === '') continue;
    const text = pattern.trim();
    if (text.length > MAX_HONEYPOT_PATTERN_LENGTH + 8) {
      compiled.refused.push({ pattern: text.slice(0, 40), problem: `longer than ${MAX_HONEYPOT_PATTERN_LENGTH} characters` });
      continue;
    }
    const regex = /^\/(.+)\/([a-z]*)$/.exec(text);
    if (regex !== null) {
      const problem = honeypotPatternProblem(regex[1]!);
      if (problem !== undefined) {
        compiled.refused.push({ pattern: text, problem });
        continue;
      }
      try {
        const expression = new RegExp(regex[1]!, regex[2]!.replace(/[gy]/g, ''));
        compiled.matchers.push((url) => expression.test(url.length > MAX_URL_LENGTH ? url.slice(0, MAX_URL_LENGTH) : url));
      } catch (error) {
        compiled.refused.push({ pattern: text, problem: `is not a valid regular expression (${String((error as Error).message ?? error)})` });
      }
      continue;
    }
    const needle = text.toLowerCase();
    compiled.matchers.push((url) => url.toLowerCase().includes(needle));
  }
  return compiled;
}

/** The URL tests alone (kept for callers that only need to match). */
export function compileHoneypotPatterns(patterns: unknown): Array<(url: string) => boolean> {
  return compileHoneypots(patterns).matchers;
}

export function honeypotSignal(ctx: ClassifierContext): void {
  const { matchers, refused } = compileHoneypots(ctx.settings.honeypotPatterns);
  for (const { pattern, problem } of refused) {
    ctx.notes.add(`Honeypot pattern ${pattern} was not used: it ${problem}.`);
  }
  if (matchers.length === 0) return;
  const hitTimes = new Map<string, number[]>();
  const hitByUrl = new Map<string, boolean>();
  for (let i = 0; i < ctx.events.length; i++) {
    const event = ctx.events[i]!;
    if (event.type !== 'click' || event.url === undefined) continue;
    const url = event.url;
    let hit = hitByUrl.get(url);
    if (hit === undefined) hitByUrl.set(url, (hit = matchers.some((match) => match(url))));
    if (!hit) continue;
    addEvidence(ctx, i, HONEYPOT_HIT);
    if (event.recipient !== undefined && !Number.isNaN(event.time)) {
      const list = hitTimes.get(event.recipient) ?? [];
      list.push(event.time);
      hitTimes.set(event.recipient, list);
    }
  }
  for (const [recipient, times] of hitTimes) {
    times.sort((a, b) => a - b);
    for (const i of ctx.byRecipient.get(recipient) ?? []) {
      const event = ctx.events[i]!;
      if (Number.isNaN(event.time)) continue;
      if (hasEvidence(ctx, i, ['honeypot'])) continue;
      if (hasTimeWithin(times, event.time, NEIGHBOURHOOD_MS)) {
        addEvidence(ctx, i, NEAR_HONEYPOT);
      }
    }
  }
}
