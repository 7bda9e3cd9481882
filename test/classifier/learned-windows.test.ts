// Windows learned from the campaign's own events: the burst window from gaps between one recipient's links,
// the machine band from first delays after delivery; the user's fixed window overrides; too little data keeps
// the defaults and says so.
import { burstWindowSetting, classifyCampaign } from '../../src/classifier';
import { sanitizeClassifierSettings, sanitizeSettings } from '../../src/shared/settings';
import { fitTwoComponents } from '../../src/classifier/learned-windows';
import { generateCampaign, HARD_BEHAVIOURS } from '../generator/campaign';
import { testRanges } from './test-ranges';

describe('two-component mixture', () => {
  it('finds the fast and the slow group on a log scale', () => {
    const fast = Array.from({ length: 60 }, (_, k) => Math.log(3 + (k % 7)));
    const slow = Array.from({ length: 140 }, (_, k) => Math.log(600 + 97 * k));
    const mixture = fitTwoComponents([...slow, ...fast])!;
    expect(Math.exp(mixture.fast.mean)).toBeGreaterThan(3);
    expect(Math.exp(mixture.fast.mean)).toBeLessThan(10);
    expect(Math.exp(mixture.slow.mean)).toBeGreaterThan(1000);
    expect(mixture.fast.weight).toBeCloseTo(0.3, 1);
  });

  it('answers undefined for too few values', () => {
    expect(fitTwoComponents([1, 2])).toBeUndefined();
  });
});

describe('learned windows in the summary', () => {
  const hard = generateCampaign({ seed: 7, kind: 'b2b', behaviours: HARD_BEHAVIOURS });

  it("learns a wider burst window from paced sweeps and the machine band from the campaign's delays", () => {
    const { learned } = classifyCampaign(hard.campaign, { ranges: testRanges }).summary;
    expect(learned?.burstWindowSource).toBe('learned');
    expect(learned!.burstWindowSeconds).toBeGreaterThan(2);
    expect(learned!.burstWindowSeconds).toBeLessThanOrEqual(10);
    // §3 field data in the generator: bursts mostly 20–60 s, up to 5 min, after delivery.
    expect(learned!.machineBand!.toSeconds).toBeGreaterThan(60);
    expect(learned!.machineBand!.toSeconds).toBeLessThan(1800);
    expect(learned!.basis).toMatch(/gaps of over 1.5 s between one recipient's clicks/);
  });

  it("keeps the user's own fixed window", () => {
    const { learned } = classifyCampaign(hard.campaign, { ranges: testRanges, settings: { burstWindowMode: 'fixed', burstWindowSeconds: 3 } }).summary;
    expect(learned).toMatchObject({ burstWindowSeconds: 3, burstWindowSource: 'setting' });
  });

  it('keeps the default and says why when the campaign is too small', () => {
    const { learned } = classifyCampaign({ sentAt: 0, events: [{ sourceIndex: 0, type: 'click', recipient: 'a@x.com', timestamp: 40_000, url: 'https://l/1' }] }).summary;
    expect(learned).toMatchObject({ burstWindowSeconds: 2, burstWindowSource: 'default' });
    expect(learned!.machineBand).toBeUndefined();
    expect(learned!.basis).toMatch(/too few/);
  });
});

describe('the burst-window setting: learned or fixed', () => {
  const hard = generateCampaign({ seed: 7, kind: 'b2b', behaviours: HARD_BEHAVIOURS });

  it('a fixed 2 s window pins 2 s, though this campaign would learn a wider one', () => {
    const learnedReport = classifyCampaign(hard.campaign, { ranges: testRanges, settings: { burstWindowMode: 'learned' } });
    expect(learnedReport.summary.learned!.burstWindowSeconds).toBeGreaterThan(2);
    const fixed = classifyCampaign(hard.campaign, { ranges: testRanges, settings: { burstWindowMode: 'fixed', burstWindowSeconds: 2 } });
    expect(fixed.summary.learned).toMatchObject({ burstWindowSeconds: 2, burstWindowSource: 'setting' });
    expect(fixed.summary.learned!.basis).toContain('fixed at 2 s by the settings');
    // The paced sweeps the learned window groups are no longer one burst at 2 s: fewer link-burst reasons.
    expect(fixed.summary.byReason['link-burst'] ?? 0).toBeLessThan(learnedReport.summary.byReason['link-burst'] ?? 0);
  });

  it('learned mode learns, whatever seconds the settings carry', () => {
    const { learned } = classifyCampaign(hard.campaign, { ranges: testRanges, settings: { burstWindowMode: 'learned', burstWindowSeconds: 7 } }).summary;
    expect(learned!.burstWindowSource).toBe('learned');
    expect(learned!.basis).not.toContain('by the settings');
  });

  it('reads the mode from the one sanitizer: fixed pins, learned asks for nothing', () => {
    expect(burstWindowSetting(sanitizeClassifierSettings({ burstWindowMode: 'fixed', burstWindowSeconds: 2 }))).toBe(2);
    expect(burstWindowSetting(sanitizeClassifierSettings({ burstWindowMode: 'learned', burstWindowSeconds: 5 }))).toBeUndefined();
    expect(sanitizeClassifierSettings({ burstWindowMode: 'sometimes' }).burstWindowMode).toBe('learned');
  });

  it('migrates settings stored before the mode existed: a non-default window stays fixed, the default learns', () => {
    const old = sanitizeSettings({ classifier: { strict: false, machineThreshold: 0.6, suspectThreshold: 0.35, burstWindowSeconds: 3.5, honeypotPatterns: [] } });
    expect(old.classifier).toMatchObject({ burstWindowMode: 'fixed', burstWindowSeconds: 3.5 });
    const untouched = sanitizeSettings({ classifier: { strict: false, machineThreshold: 0.6, suspectThreshold: 0.35, burstWindowSeconds: 2, honeypotPatterns: [] } });
    expect(untouched.classifier).toMatchObject({ burstWindowMode: 'learned', burstWindowSeconds: 2 });
    // A broken old value falls back to the default and learns.
    expect(sanitizeSettings({ classifier: { burstWindowSeconds: 'soon' } }).classifier.burstWindowMode).toBe('learned');
    // Sanitizing again keeps what the migration decided.
    expect(sanitizeSettings(old)).toEqual(old);
  });
});

describe('scanner networks learned from the campaign', () => {
  it('catches single-link scans and pixel fetches from generic cloud egress that no list holds', () => {
    const generated = generateCampaign({ seed: 11, kind: 'b2b', behaviours: { ...HARD_BEHAVIOURS, singleLinkScanShare: 1, cloudEgressShare: 1, modernAgentShare: 0.3 } });
    const report = classifyCampaign(generated.campaign, { ranges: testRanges });
    let scans = 0;
    let caught = 0;
    report.verdicts.forEach((verdict, i) => {
      if (generated.truth[i] !== 'scanner') return;
      scans++;
      if (verdict.label === 'scanner') caught++;
    });
    expect(caught / scans).toBeGreaterThan(0.9);
    expect(report.summary.byReason['scanner-network']).toBeGreaterThan(0);
    const people = report.verdicts.filter((verdict, i) => generated.truth[i] === 'human');
    expect(people.filter((verdict) => verdict.label === 'scanner').length / people.length).toBeLessThan(0.01);
  });
});
