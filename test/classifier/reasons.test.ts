// Every reason code the classifier emits on realistic campaigns has a plain-English sentence (conventions §2),
// codes are stable kebab-case, and parametric codes name their vendor.
import { classifyCampaign, describeReason, REASONS } from '../../src/classifier';
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
      expect(REASONS[code.split(':')[0]!], code).toBeDefined();
    }
  });
});
