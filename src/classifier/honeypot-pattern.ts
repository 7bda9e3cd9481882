// Honeypot /regex/ patterns matched in linear time. The user's pattern is never handed to the browser's
// backtracking RegExp engine: it is parsed here into a safe subset and matched by a simulation whose work is
// O(URL length × pattern items), whatever the pattern. Backtracking engines can take polynomial or exponential
// time on patterns like `(a+)+b` or `a{0,999}a{0,999}a{0,999}b` (ReDoS:
// https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS); the approach — no
// backtracking, a bounded automaton — is the one RE2 documents (https://swtch.com/~rsc/regexp/regexp1.html).
//
// The subset (JavaScript syntax, same meaning as `new RegExp(source, flags).test(url)`):
//   literals, `.`, escapes (\d \D \w \W \s \S \t \n \r \v \f \0 \xHH \uHHHH and escaped punctuation),
//   classes `[a-z0-9_-]` / `[^…]`, quantifiers `? * + {n} {n,} {n,m}` (lazy `?` suffix allowed) on one
//   character or class, groups `(…)`, `(?:…)`, `(?<name>…)` holding alternatives (`(?:hp|trap)-\d+`), a group
//   repeated only when it holds one character or class, `^` at the start and `$` at the end; flags i, s (g and y
//   are ignored: a test is a test). Refused, with a reason: backreferences, lookaround, word boundaries, repeated
//   multi-character groups. Case-insensitive matching folds ASCII letters only (URLs are ASCII).

/** Longest pattern accepted (a honeypot marker is a path fragment, not an essay). */
export const MAX_HONEYPOT_PATTERN_LENGTH = 200;
/** Pattern items after groups are expanded into alternatives: bounds the work per URL character. */
const MAX_EXPANDED_ITEMS = 512;
const MAX_ALTERNATIVES = 64;

/** A set of UTF-16 code units: a table for ASCII, ranges for the rest. */
interface CodeSet {
  ascii: Uint8Array;
  /** Inclusive ranges above 127, before negation. */
  ranges: Array<[number, number]>;
  negated: boolean;
}

function emptySet(): CodeSet {
  return { ascii: new Uint8Array(128), ranges: [], negated: false };
}

function addRange(set: CodeSet, from: number, to: number): void {
  for (let code = from; code <= Math.min(to, 127); code++) set.ascii[code] = 1;
  if (to > 127) set.ranges.push([Math.max(from, 128), to]);
}

function addSet(target: CodeSet, source: CodeSet): void {
  if (source.negated) {
    // Only class escapes (\D \W \S) are negated sets that get merged. Their ASCII table is already complemented
    // (finishSet); the ranges above 127 are spelled out as their complement.
    for (let code = 0; code < 128; code++) if (source.ascii[code]) target.ascii[code] = 1;
    let next = 128;
    for (const [from, to] of [...source.ranges].sort((a, b) => a[0] - b[0])) {
      if (from > next) target.ranges.push([next, from - 1]);
      next = Math.max(next, to + 1);
    }
    if (next <= 0xffff) target.ranges.push([next, 0xffff]);
    return;
  }
  for (let code = 0; code < 128; code++) if (source.ascii[code]) target.ascii[code] = 1;
  target.ranges.push(...source.ranges);
}

function inSet(set: CodeSet, code: number): boolean {
  if (code < 128) return set.ascii[code] === 1;
  let found = false;
  for (const [from, to] of set.ranges) {
    if (code >= from && code <= to) {
      found = true;
      break;
    }
  }
  return found !== set.negated;
}

/** Folds ASCII letters both ways (flag i). */
function foldAsciiCase(set: CodeSet): void {
  for (let code = 65; code <= 90; code++) {
    if (set.ascii[code] || set.ascii[code + 32]) set.ascii[code] = set.ascii[code + 32] = 1;
  }
}

function finishSet(set: CodeSet): CodeSet {
  if (!set.negated) return set;
  // Fold the negation into the ASCII table so the hot path is one lookup.
  const ascii = new Uint8Array(128);
  for (let code = 0; code < 128; code++) ascii[code] = set.ascii[code] ? 0 : 1;
  return { ascii, ranges: set.ranges, negated: true };
}

const DIGITS: CodeSet = (() => {
  const set = emptySet();
  addRange(set, 48, 57);
  return set;
})();
const WORD: CodeSet = (() => {
  const set = emptySet();
  addRange(set, 48, 57);
  addRange(set, 65, 90);
  addRange(set, 97, 122);
  addRange(set, 95, 95);
  return set;
})();
/** JavaScript's \s: ASCII white space plus the Unicode spaces and line terminators. */
const SPACE: CodeSet = (() => {
  const set = emptySet();
  addRange(set, 9, 13);
  addRange(set, 32, 32);
  for (const code of [0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) addRange(set, code, code);
  addRange(set, 0x2000, 0x200a);
  return set;
})();
const LINE_TERMINATORS = [10, 13, 0x2028, 0x2029];

function negatedCopy(set: CodeSet): CodeSet {
  return { ascii: set.ascii, ranges: set.ranges, negated: true };
}

/** One pattern item: a character set repeated between `min` and `max` times. */
interface Item {
  set: CodeSet;
  min: number;
  max: number;
}

interface Alternative {
  anchoredStart: boolean;
  anchoredEnd: boolean;
  items: Item[];
}

/** Parse tree: a sequence of terms, a term being a set, an anchor or a group of alternatives. */
type Term =
  | { kind: 'set'; set: CodeSet; min: number; max: number }
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'group'; alternatives: Term[][]; min: number; max: number };

class PatternProblem extends Error {}

class Parser {
  private position = 0;
  constructor(
    private readonly source: string,
    private readonly ignoreCase: boolean,
    private readonly dotAll: boolean,
  ) {}

  parse(): Term[][] {
    const alternatives = this.alternatives();
    if (this.position < this.source.length) throw new PatternProblem('has an unmatched )');
    return alternatives;
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.position + offset];
  }

  private alternatives(): Term[][] {
    const alternatives: Term[][] = [this.sequence()];
    while (this.peek() === '|') {
      this.position++;
      alternatives.push(this.sequence());
    }
    return alternatives;
  }

  private sequence(): Term[] {
    const terms: Term[] = [];
    for (;;) {
      const ch = this.peek();
      if (ch === undefined || ch === '|' || ch === ')') return terms;
      const term = this.atom();
      const quantifier = this.quantifier();
      if (quantifier) {
        if (term.kind === 'start' || term.kind === 'end') throw new PatternProblem('repeats an anchor');
        term.min = quantifier.min;
        term.max = quantifier.max;
      }
      terms.push(term);
    }
  }

  private quantifier(): { min: number; max: number } | undefined {
    const ch = this.peek();
    let result: { min: number; max: number } | undefined;
    if (ch === '*') result = { min: 0, max: Infinity };
    else if (ch === '+') result = { min: 1, max: Infinity };
    else if (ch === '?') result = { min: 0, max: 1 };
    else if (ch === '{') {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.position));
      if (!braces) return undefined; // A `{` that is not a quantifier is a literal brace.
      const min = Number(braces[1]);
      const max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
      if (max < min) throw new PatternProblem('is not a valid regular expression (numbers out of order in {} quantifier)');
      this.position += braces[0].length - 1;
      result = { min, max };
    }
    if (!result) return undefined;
    this.position++;
    if (this.peek() === '?') this.position++; // lazy: the same yes/no answer
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?' || (next === '{' && /^\{\d+(,\d*)?\}/.test(this.source.slice(this.position)))) {
      throw new PatternProblem('is not a valid regular expression (nothing to repeat)');
    }
    return result;
  }

  private literal(code: number): CodeSet {
    const set = emptySet();
    addRange(set, code, code);
    if (this.ignoreCase) foldAsciiCase(set);
    return set;
  }

  private atom(): Term {
    const ch = this.peek()!;
    if (ch === '*' || ch === '+' || ch === '?') throw new PatternProblem('is not a valid regular expression (nothing to repeat)');
    if (ch === '{' && /^\{\d+(,\d*)?\}/.test(this.source.slice(this.position))) {
      throw new PatternProblem('is not a valid regular expression (nothing to repeat)');
    }
    this.position++;
    if (ch === '^') return { kind: 'start' };
    if (ch === '$') return { kind: 'end' };
    if (ch === '.') {
      const set = emptySet();
      addRange(set, 0, 0xffff);
      if (!this.dotAll) {
        const terminators = emptySet();
        for (const code of LINE_TERMINATORS) addRange(terminators, code, code);
        return { kind: 'set', set: finishSet(negatedCopy(terminators)), min: 1, max: 1 };
      }
      return { kind: 'set', set, min: 1, max: 1 };
    }
    if (ch === '[') return { kind: 'set', set: this.characterClass(), min: 1, max: 1 };
    if (ch === '(') return this.group();
    if (ch === '\\') {
      const escaped = this.escape(false);
      return { kind: 'set', set: typeof escaped === 'number' ? this.literal(escaped) : escaped, min: 1, max: 1 };
    }
    return { kind: 'set', set: this.literal(ch.charCodeAt(0)), min: 1, max: 1 };
  }

  private group(): Term {
    if (this.peek() === '?') {
      const kind = this.peek(1);
      if (kind === ':') this.position += 2;
      else if (kind === '<' && this.peek(2) !== '=' && this.peek(2) !== '!') {
        const close = this.source.indexOf('>', this.position);
        if (close < 0) throw new PatternProblem('is not a valid regular expression (unterminated group name)');
        this.position = close + 1;
      } else {
        throw new PatternProblem('uses a lookahead or lookbehind, which honeypot patterns do not support');
      }
    }
    const alternatives = this.alternatives();
    if (this.peek() !== ')') throw new PatternProblem('is not a valid regular expression (unterminated group)');
    this.position++;
    return { kind: 'group', alternatives, min: 1, max: 1 };
  }

  /** After a backslash: one code unit, or a class (\d…). `inClass`: \b is a backspace there. */
  private escape(inClass: boolean): number | CodeSet {
    const ch = this.peek();
    if (ch === undefined) throw new PatternProblem('is not a valid regular expression (\\ at end of pattern)');
    this.position++;
    switch (ch) {
      case 'd':
        return DIGITS;
      case 'D':
        return finishSet(negatedCopy(DIGITS));
      case 'w':
        return WORD;
      case 'W':
        return finishSet(negatedCopy(WORD));
      case 's':
        return SPACE;
      case 'S':
        return finishSet(negatedCopy(SPACE));
      case 't':
        return 9;
      case 'n':
        return 10;
      case 'v':
        return 11;
      case 'f':
        return 12;
      case 'r':
        return 13;
      case '0':
        if (/\d/.test(this.peek() ?? '')) throw new PatternProblem('uses an octal escape, which honeypot patterns do not support');
        return 0;
      case 'x':
      case 'u': {
        const digits = ch === 'x' ? 2 : 4;
        const hex = this.source.slice(this.position, this.position + digits);
        if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) throw new PatternProblem(`uses \\${ch} without ${digits} hex digits`);
        this.position += digits;
        return parseInt(hex, 16);
      }
      case 'b':
        if (inClass) return 8;
        throw new PatternProblem('uses a word boundary (\\b), which honeypot patterns do not support');
      default:
        if (/[1-9]/.test(ch) || ch === 'k') throw new PatternProblem('uses a backreference');
        if (/[A-Za-z0-9]/.test(ch)) throw new PatternProblem(`uses the escape \\${ch}, which honeypot patterns do not support`);
        return ch.charCodeAt(0);
    }
  }

  /** After `[`. JavaScript semantics: `[]` matches nothing, `[^]` matches anything. */
  private characterClass(): CodeSet {
    const set = emptySet();
    if (this.peek() === '^') {
      set.negated = true;
      this.position++;
    }
    const classAtom = (): { code?: number; set?: CodeSet } => {
      const ch = this.peek()!;
      this.position++;
      if (ch !== '\\') return { code: ch.charCodeAt(0) };
      const escaped = this.escape(true);
      return typeof escaped === 'number' ? { code: escaped } : { set: escaped };
    };
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new PatternProblem('is not a valid regular expression (unterminated character class)');
      if (ch === ']') {
        this.position++;
        break;
      }
      const from = classAtom();
      if (this.peek() === '-' && this.peek(1) !== undefined && this.peek(1) !== ']') {
        this.position++;
        const to = classAtom();
        if (from.code !== undefined && to.code !== undefined) {
          if (to.code < from.code) throw new PatternProblem('is not a valid regular expression (range out of order in character class)');
          addRange(set, from.code, to.code);
          continue;
        }
        // A class escape at either end makes the dash literal (JavaScript without the u flag).
        for (const part of [from, to]) {
          if (part.code !== undefined) addRange(set, part.code, part.code);
          else addSet(set, part.set!);
        }
        addRange(set, 45, 45);
        continue;
      }
      if (from.code !== undefined) addRange(set, from.code, from.code);
      else addSet(set, from.set!);
    }
    if (this.ignoreCase) foldAsciiCase(set);
    return finishSet(set);
  }
}

/** Expands groups into alternatives of plain items (cartesian product), refusing what cannot stay linear. */
function expand(alternatives: Term[][]): Array<{ items: Array<Item | 'start' | 'end'> }> {
  const result: Array<{ items: Array<Item | 'start' | 'end'> }> = [];
  for (const sequence of alternatives) {
    let partials: Array<Array<Item | 'start' | 'end'>> = [[]];
    for (const term of sequence) {
      let options: Array<Array<Item | 'start' | 'end'>>;
      if (term.kind === 'set') options = [[{ set: term.set, min: term.min, max: term.max }]];
      else if (term.kind === 'start' || term.kind === 'end') options = [[term.kind]];
      else {
        const inner = expand(term.alternatives).map((alternative) => alternative.items);
        if (term.min === 1 && term.max === 1) options = inner;
        else if (term.min === 0 && term.max === 1) options = [...inner, []];
        else {
          const only = inner.length === 1 && inner[0]!.length === 1 ? inner[0]![0] : undefined;
          if (only === undefined || typeof only === 'string' || only.min !== 1 || only.max !== 1) {
            throw new PatternProblem('repeats a group that holds more than one character (write the repeat on a character or [class], or list the alternatives)');
          }
          options = [[{ set: only.set, min: term.min, max: term.max }]];
        }
      }
      const next: Array<Array<Item | 'start' | 'end'>> = [];
      for (const partial of partials) for (const option of options) next.push([...partial, ...option]);
      if (next.length > MAX_ALTERNATIVES) throw new PatternProblem(`expands to more than ${MAX_ALTERNATIVES} alternatives`);
      partials = next;
    }
    for (const items of partials) result.push({ items });
    if (result.length > MAX_ALTERNATIVES) throw new PatternProblem(`expands to more than ${MAX_ALTERNATIVES} alternatives`);
  }
  return result;
}

/** Places anchors: `^` may only lead an alternative and `$` only end it (nothing else is needed for a URL test). */
function anchor(expanded: Array<{ items: Array<Item | 'start' | 'end'> }>): Alternative[] {
  return expanded.map(({ items }) => {
    let start = 0;
    let end = items.length;
    let anchoredStart = false;
    let anchoredEnd = false;
    while (start < end && items[start] === 'start') {
      anchoredStart = true;
      start++;
    }
    while (end > start && items[end - 1] === 'end') {
      anchoredEnd = true;
      end--;
    }
    const middle = items.slice(start, end);
    if (middle.some((item) => typeof item === 'string')) {
      throw new PatternProblem('uses ^ or $ somewhere other than the start or the end');
    }
    return { anchoredStart, anchoredEnd, items: mergeAdjacent(middle as Item[]) };
  });
}

function sameSet(a: CodeSet, b: CodeSet): boolean {
  if (a === b) return true;
  if (a.negated !== b.negated || a.ranges.length !== b.ranges.length) return false;
  for (let code = 0; code < 128; code++) if (a.ascii[code] !== b.ascii[code]) return false;
  return a.ranges.every((range, index) => range[0] === b.ranges[index]![0] && range[1] === b.ranges[index]![1]);
}

/** `a{0,9}a{0,9}` is `a{0,18}`: fewer items, less work per character, same language. */
function mergeAdjacent(items: Item[]): Item[] {
  const merged: Item[] = [];
  for (const item of items) {
    const last = merged[merged.length - 1];
    if (last && sameSet(last.set, item.set)) merged[merged.length - 1] = { set: last.set, min: last.min + item.min, max: last.max + item.max };
    else merged.push({ ...item });
  }
  return merged;
}

/**
 * Does some substring of `text` (from position 0 with `^`, ending at the end with `$`) match the items?
 * For each item, the positions where a match of it may have started (since the last character outside its set)
 * are kept in a queue; a position older than `max` characters is dropped, and the item can hand over to the next
 * when its oldest start is at least `min` characters back. Each position enters and leaves each queue once:
 * O(text length × items).
 */
function matchesAlternative(alternative: Alternative, text: string, starts: Int32Array[]): boolean {
  const { items, anchoredStart, anchoredEnd } = alternative;
  const count = items.length;
  const length = text.length;
  const heads = new Int32Array(count);
  const tails = new Int32Array(count);
  for (let position = 0; position <= length; position++) {
    let entering = !anchoredStart || position === 0;
    let alive = entering;
    for (let k = 0; k < count; k++) {
      const queue = starts[k]!;
      if (entering) queue[tails[k]!++] = position;
      const head = heads[k]!;
      if (head < tails[k]!) alive = true;
      entering = head < tails[k]! && queue[head]! <= position - items[k]!.min;
    }
    if (entering && (!anchoredEnd || position === length)) return true;
    if (position === length || !alive) return false;
    const code = text.charCodeAt(position);
    for (let k = 0; k < count; k++) {
      const item = items[k]!;
      if (!inSet(item.set, code)) {
        heads[k] = tails[k]!;
        continue;
      }
      const queue = starts[k]!;
      const oldest = position + 1 - item.max;
      let head = heads[k]!;
      while (head < tails[k]! && queue[head]! < oldest) head++;
      heads[k] = head;
    }
  }
  return false;
}

export type CompiledPattern = { ok: true; test: (text: string) => boolean } | { ok: false; problem: string };

/**
 * Compiles `source` (the part between the slashes) with `flags` into a linear-time test, or says why not.
 * The problem is a phrase that follows "it": "uses a backreference".
 */
export function compileLinearPattern(source: string, flags = ''): CompiledPattern {
  if (source.length > MAX_HONEYPOT_PATTERN_LENGTH) return { ok: false, problem: `is longer than ${MAX_HONEYPOT_PATTERN_LENGTH} characters` };
  const unsupported = [...flags].find((flag) => !'isgy'.includes(flag));
  if (unsupported !== undefined) return { ok: false, problem: `uses the flag ${unsupported}, which honeypot patterns do not support` };
  if (new Set(flags).size !== flags.length) return { ok: false, problem: 'is not a valid regular expression (repeated flag)' };
  let alternatives: Alternative[];
  try {
    alternatives = anchor(expand(new Parser(source, flags.includes('i'), flags.includes('s')).parse()));
  } catch (error) {
    if (error instanceof PatternProblem) return { ok: false, problem: error.message };
    throw error;
  }
  const itemCount = alternatives.reduce((sum, alternative) => sum + alternative.items.length, 0);
  if (itemCount > MAX_EXPANDED_ITEMS) return { ok: false, problem: `expands to more than ${MAX_EXPANDED_ITEMS} parts` };
  const widest = Math.max(0, ...alternatives.map((alternative) => alternative.items.length));
  // One start queue per item, each able to hold every position of the text; kept between calls (URLs are short).
  let starts: Int32Array[] = [];
  return {
    ok: true,
    test: (text) => {
      if ((starts[0]?.length ?? 0) < text.length + 1) starts = Array.from({ length: widest }, () => new Int32Array(text.length + 1));
      return alternatives.some((alternative) => matchesAlternative(alternative, text, starts));
    },
  };
}
