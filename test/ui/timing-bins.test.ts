import type { Label } from '../../src/shared/types';
import { binTiming } from '../../src/ui/timing-bins';
import { realisticReport } from './fixtures/realistic-campaign';

describe('binTiming', () => {
  it('puts each event in its log-spaced band, before-delivery events first', () => {
    const timing: Array<[number, Label]> = [
      [-3600, 'scanner'],
      [0.4, 'scanner'],
      [9, 'scanner'],
      [43, 'scanner'],
      [43, 'human'],
      [240, 'proxy'],
      [7200, 'human'],
      [200_000, 'human'],
    ];
    const bands = binTiming(timing, 'before delivery');
    const byId = Object.fromEntries(bands.map((band) => [band.id, band]));
    expect(bands[0]!.id).toBe('before');
    expect(byId.before!.counts.scanner).toBe(1);
    expect(byId['lt-1']!.counts.scanner).toBe(1);
    expect(byId['3-10']!.counts.scanner).toBe(1);
    expect(byId['30-100']!.counts).toEqual({ human: 1, scanner: 1, proxy: 0, suspect: 0 });
    expect(byId['100-300']!.counts.proxy).toBe(1);
    expect(byId['3000-10000']!.counts.human).toBe(1);
    expect(byId['gte-100000']!.counts.human).toBe(1);
    expect(bands.reduce((sum, band) => sum + band.total, 0)).toBe(timing.length);
  });

  it('leaves out the before-delivery band when nothing came before delivery', () => {
    expect(binTiming([[12, 'human']], 'before delivery').map((band) => band.id)).not.toContain('before');
  });

  it('keeps every event of a classified campaign, per label', () => {
    const { summary } = realisticReport();
    const bands = binTiming(summary.timing, 'before delivery');
    for (const label of ['human', 'scanner', 'proxy', 'suspect'] as const) {
      const inBands = bands.reduce((sum, band) => sum + band.counts[label], 0);
      expect(inBands).toBe(summary.timing.filter(([, timingLabel]) => timingLabel === label).length);
    }
  });
});
