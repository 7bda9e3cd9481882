import { DEFAULT_SETTINGS, sanitizeSettings } from '../../src/shared/settings';
import { filterAudits, toggleComparePick } from '../../src/options/audit-filter';
import { formValuesFrom, resolverOrigin, settingsFromForm, sitePatternFromInput } from '../../src/options/settings-form';
import type { AuditRecord } from '../../src/shared/messages';
import { emptySummary } from '../setup/summary';

describe('settings form', () => {
  it('round-trips the defaults unchanged', () => {
    const result = settingsFromForm(formValuesFrom(DEFAULT_SETTINGS), DEFAULT_SETTINGS);
    expect(result).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  it('applies edits, and the result survives the worker’s sanitizer as is', () => {
    const values = {
      ...formValuesFrom(DEFAULT_SETTINGS),
      countSuspect: false,
      mode: 'log-only' as const,
      machineThreshold: '0,7',
      suspectThreshold: '0.4',
      burstWindowMode: 'fixed' as const,
      burstWindowSeconds: '1.5',
      honeypotPatterns: 'https://shop.example.com/hp-\n\n/\\/trap\\/[0-9]+/\n',
    };
    const result = settingsFromForm(values, { ...DEFAULT_SETTINGS, customSites: ['https://mail.example.com/*'] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.classifier).toEqual({
      strict: true,
      machineThreshold: 0.7,
      suspectThreshold: 0.4,
      burstWindowMode: 'fixed',
      burstWindowSeconds: 1.5,
      honeypotPatterns: ['https://shop.example.com/hp-', '/\\/trap\\/[0-9]+/'],
    });
    expect(result.settings.mode).toBe('log-only');
    expect(result.settings.customSites).toEqual(['https://mail.example.com/*']);
    expect(sanitizeSettings(result.settings)).toEqual(result.settings);
  });

  it('names each wrong field instead of saving', () => {
    const result = settingsFromForm(
      {
        ...formValuesFrom(DEFAULT_SETTINGS),
        machineThreshold: '0.5',
        suspectThreshold: '0.8',
        burstWindowSeconds: 'soon',
        honeypotPatterns: '/([a-z/',
      },
      DEFAULT_SETTINGS,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['burstWindowSeconds', 'honeypotPatterns', 'suspectThreshold']);
    expect(result.errors.suspectThreshold).toContain('must not be above the machine threshold');
    expect(result.errors.burstWindowSeconds).toBe('Burst window: enter a number from 0.2 to 60.');
  });

  it('turns what a person types into a site pattern, https only', () => {
    expect(sitePatternFromInput('mail.example.com')).toBe('https://mail.example.com/*');
    expect(sitePatternFromInput(' https://Reports.Example.com/campaigns/12?x=1 ')).toBe('https://reports.example.com/*');
    expect(sitePatternFromInput('https://reports.example.com/*')).toBe('https://reports.example.com/*');
    expect(sitePatternFromInput('http://mail.example.com')).toBeUndefined();
    expect(sitePatternFromInput('localhost')).toBeUndefined();
    expect(sitePatternFromInput('')).toBeUndefined();
    expect(resolverOrigin('https://dns.example.net/dns-query')).toBe('https://dns.example.net/*');
    expect(resolverOrigin('https://127.0.0.1:8443/dns-query')).toBe('https://127.0.0.1:8443/*');
    expect(resolverOrigin('http://dns.example.net/dns-query')).toBeUndefined();
  });
});

function audit(id: string, esp: string, campaignName: string, createdAt: number): AuditRecord {
  return {
    id,
    esp,
    campaignName,
    source: 'page',
    createdAt,
    summary: emptySummary(),
  };
}

describe('history filter', () => {
  const audits = [audit('a', 'sendgrid', 'Spring sale', 1), audit('b', 'mailchimp', 'Spring newsletter', 3), audit('c', 'sendgrid', 'Autumn', 2)];

  it('filters by ESP and by text in the campaign or ESP, newest first', () => {
    expect(filterAudits(audits, '', '').map((a) => a.id)).toEqual(['b', 'c', 'a']);
    expect(filterAudits(audits, 'spring', '').map((a) => a.id)).toEqual(['b', 'a']);
    expect(filterAudits(audits, '', 'sendgrid').map((a) => a.id)).toEqual(['c', 'a']);
    expect(filterAudits(audits, 'SPRING', 'sendgrid').map((a) => a.id)).toEqual(['a']);
    expect(filterAudits(audits, 'chimp', '').map((a) => a.id)).toEqual(['b']);
  });

  it('keeps at most two audits picked for comparison', () => {
    expect(toggleComparePick([], 'a')).toEqual(['a']);
    expect(toggleComparePick(['a', 'b'], 'c')).toEqual(['b', 'c']);
    expect(toggleComparePick(['a', 'b'], 'a')).toEqual(['b']);
  });
});
