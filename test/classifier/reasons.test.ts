// Every reason code the classifier emits on realistic campaigns has a plain-English sentence (conventions §2),
// codes are stable kebab-case, and parametric codes name their vendor.
import { classifyCampaign, describeReason, REASONS } from '../../src/classifier';
import type { ReasonCode } from '../../src/classifier/reasons';
import { declareSignal } from '../../src/classifier/signal';
import { SIGNAL_DECLARATIONS } from '../../src/classifier/signals/declarations';
import { getBundledIndex } from '../../src/ranges';
import { generateCampaign } from '../generator/campaign';
import { testRanges } from './test-ranges';

describe('reason codes', () => {
  it('are kebab-case and each has a sentence', () => {
    for (const [code, sentence] of Object.entries(REASONS)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(sentence.length).toBeGreaterThan(20);
    }
  });

  it('describe parametric codes with the vendor or host they carry', () => {
    expect(describeReason('scanner-ip:microsoft')).toMatch(/scanning network.*Microsoft/);
    expect(describeReason('image-proxy:gmail')).toMatch(/image proxy.*Gmail/);
    expect(describeReason('mail-host:proofpoint')).toMatch(/Proofpoint/);
    expect(describeReason('gateway-ip:some-new-vendor')).toMatch(/gateway.*some-new-vendor/);
    expect(describeReason('no-such-code')).toBe('no-such-code');
  });

  it('cover every code emitted on generated B2B, consumer and mixed campaigns', () => {
    const emitted = new Set<string>();
    for (const kind of ['b2b', 'consumer', 'mixed'] as const) {
      const { campaign } = generateCampaign({ seed: 77, kind, recipients: 800 });
      for (const ranges of [testRanges, getBundledIndex()]) {
        for (const verdict of classifyCampaign(campaign, { ranges, settings: { honeypotPatterns: ['/pricing/'] } }).verdicts) {
          for (const reason of verdict.reasons) emitted.add(reason);
        }
      }
    }
    expect(emitted.size).toBeGreaterThan(15);
    for (const code of emitted) {
      expect(describeReason(code), code).not.toBe(code);
      expect((REASONS as Record<string, string>)[code.split(':')[0]!], code).toBeDefined();
    }
  });
});

describe('signal declarations', () => {
  it('declare each reason code once, with an id, a stage and weighted evidence using their own codes', () => {
    const seen = new Map<string, string>();
    for (const declaration of SIGNAL_DECLARATIONS) {
      expect(declaration.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(['event', 'relational']).toContain(declaration.stage);
      for (const code of Object.keys(declaration.reasons)) {
        expect(seen.get(code), `${code} declared by ${seen.get(code)} and ${declaration.id}`).toBeUndefined();
        seen.set(code, declaration.id);
      }
      for (const evidence of Object.values(declaration.evidence) as Array<{ code: string; weight: number }>) {
        expect(Object.keys(declaration.reasons)).toContain(evidence.code.split(':')[0]);
        expect(Number.isFinite(evidence.weight)).toBe(true);
      }
    }
  });

  it('make a misspelled code a compile error', () => {
    declareSignal({
      id: 'example',
      stage: 'event',
      reasons: { 'example-code': 'An example sentence long enough to read.' },
      evidence: {
        RIGHT: { code: 'example-code', weight: 1, kind: 'scanner', weak: true },
        // @ts-expect-error — 'exmaple-code' is not a code this signal declares
        WRONG: { code: 'exmaple-code', weight: 1, kind: 'scanner', weak: true },
      },
    });
    const code: ReasonCode = 'link-burst';
    // @ts-expect-error — no signal declares 'link-bursts'
    const misspelled: ReasonCode = 'link-bursts';
    expect([code, misspelled]).toHaveLength(2);
  });
});
