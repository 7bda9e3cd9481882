import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLinearPattern } from '../../src/classifier/honeypot-pattern';
import { compileHoneypots } from '../../src/classifier/signals/honeypot';

function linear(source: string, flags = ''): (text: string) => boolean {
  const compiled = compileLinearPattern(source, flags);
  if (!compiled.ok) throw new Error(`${source} refused: ${compiled.problem}`);
  return compiled.test;
}

describe('linear-time honeypot patterns', () => {
  it('runs the pattern that used to backtrack polynomially, with the same answers as RegExp', () => {
    // Adjacent bounded repeats over one class: a backtracking engine tries ~n³ splits of a run of a's with no b.
    const source = 'a{0,999}a{0,999}a{0,999}b';
    const test = linear(source);
    const miss = `https://x.example/${'a'.repeat(2030)}`;
    expect(miss.length).toBeGreaterThanOrEqual(2048);
    expect(test(miss)).toBe(false);
    expect(test(`${miss}b`)).toBe(true);
    expect(test('https://x.example/b')).toBe(true);
    const { matchers, refused } = compileHoneypots([`/${source}/`]);
    expect(refused).toEqual([]);
    expect(matchers[0]!(`https://x.example/${'a'.repeat(5000)}`)).toBe(false);
  });

  it('matches real honeypot markers the way RegExp does', () => {
    const cases: Array<[string, string, string, boolean]> = [
      ['trap-\\d+', '', 'https://news.example.com/l/trap-4821?u=9', true],
      ['trap-\\d+', '', 'https://news.example.com/l/trap-?u=9', false],
      ['(?:hp|trap)-\\d+', 'i', 'https://e.example/HP-12', true],
      ['hidden\\.gif$', '', 'https://e.example/px/hidden.gif', true],
      ['hidden\\.gif$', '', 'https://e.example/px/hidden.gif?x=1', false],
      ['^https://t\\.example\\.com/h/[a-f0-9]{8}$', '', 'https://t.example.com/h/deadbeef', true],
      ['^https://t\\.example\\.com/h/[a-f0-9]{8}$', '', 'https://t.example.com/h/deadbeef0', false],
      ['utm_content=(hidden|hp)(&|$)', '', 'https://s.example/?utm_content=hp&x', true],
      ['utm_content=(hidden|hp)(&|$)', '', 'https://s.example/?utm_content=hpx', false],
      ['[^/]+\\.invalid/', '', 'https://honey.invalid/', true],
    ];
    for (const [source, flags, url, expected] of cases) {
      expect(new RegExp(source, flags).test(url), `RegExp ${source} on ${url}`).toBe(expected);
      expect(linear(source, flags)(url), `${source} on ${url}`).toBe(expected);
    }
  });

  it('refuses what it cannot run in linear time, saying why', () => {
    const refusals: Array<[string, RegExp]> = [
      ['(a+)+b', /repeats a group/],
      ['(ab)*c', /repeats a group/],
      ['(\\w+)-\\1', /backreference/],
      ['foo(?=bar)', /lookahead/],
      ['\\bword', /word boundary/],
      ['a^b', /\^ or \$/],
      ['(a', /not a valid regular expression/],
      ['a{3,2}', /not a valid regular expression/],
      ['[b-a]', /not a valid regular expression/],
      ['*a', /nothing to repeat/],
    ];
    for (const [source, problem] of refusals) {
      const compiled = compileLinearPattern(source);
      expect(compiled.ok, source).toBe(false);
      if (!compiled.ok) expect(compiled.problem, source).toMatch(problem);
    }
    expect(compileLinearPattern('a', 'm').ok).toBe(false);
  });

  // The subset's grammar, over a small alphabet so matches and near-misses are both common.
  const atom = fc.oneof(
    fc.constantFrom('a', 'b', 'c', '-', '\\.', '.', '\\d', '\\w', '\\W', '[ab]', '[^a]', '[a-c0-9]', '[\\d-]', 'A', '1'),
  );
  const quantifier = fc.constantFrom('', '', '', '?', '*', '+', '{2}', '{0,3}', '{1,}', '{2,4}', '*?');
  const piece = fc.tuple(atom, quantifier).map(([a, q]) => a + q);
  const sequence = fc.array(piece, { minLength: 0, maxLength: 5 }).map((pieces) => pieces.join(''));
  const group = fc
    .tuple(fc.array(sequence, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '?', '(?:'))
    .map(([alternatives, kind]) =>
      kind === '(?:' ? `(?:${alternatives.join('|')})` : `(${alternatives.join('|')})${kind}`,
    );
  const pattern = fc
    .tuple(
      fc.boolean(),
      fc.array(fc.oneof(piece, group), { minLength: 1, maxLength: 4 }),
      fc.boolean(),
      fc.option(sequence, { nil: undefined }),
    )
    .map(([start, parts, end, alternative]) => `${start ? '^' : ''}${parts.join('')}${end ? '$' : ''}${alternative !== undefined ? `|${alternative}` : ''}`);
  const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', '.', '1', 'A', '/', 'é'), maxLength: 24 });

  it('agrees with RegExp on every pattern of the subset (property)', () => {
    fc.assert(
      fc.property(pattern, fc.constantFrom('', 'i'), fc.array(text, { minLength: 1, maxLength: 8 }), (source, flags, texts) => {
        const compiled = compileLinearPattern(source, flags);
        // The only refusals a pattern of the subset may get: too long, or too many alternatives once groups multiply out.
        if (!compiled.ok) {
          expect(compiled.problem, source).toMatch(/^(expands to more than|is longer than)/);
          return;
        }
        const native = new RegExp(source, flags);
        for (const sample of texts) expect(compiled.test(sample), `/${source}/${flags} on ${JSON.stringify(sample)}`).toBe(native.test(sample));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary input: it compiles or gives a reason', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 3 }), (source, flags) => {
        const compiled = compileLinearPattern(source, flags);
        if (compiled.ok) {
          // Whatever it accepts must be a pattern RegExp accepts too, with the same answers.
          const native = new RegExp(source, flags.replace(/[gy]/g, ''));
          for (const sample of ['', source, 'abc-123', 'https://x.example/trap-1']) expect(compiled.test(sample)).toBe(native.test(sample));
        } else {
          expect(compiled.problem.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
