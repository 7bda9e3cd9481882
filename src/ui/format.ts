// Number and time formatting shared by the report, the exports' plain-text summary and the options page.
// One place so the popup, the copied email text and the tests all print a rate the same way.

const countFormat = new Intl.NumberFormat('en-US');
const percentFormat = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pointsFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});

/** 1240 → "1,240". */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** 0.4213 → "42.1%"; undefined → the `missing` text. */
export function formatRate(value: number | undefined, missing = 'n/a'): string {
  return value === undefined || !Number.isFinite(value) ? missing : percentFormat.format(value);
}

/**
 * Qualified minus raw, in percentage points, rounded the way the two rates are shown (so "42.1% → 18.5%" reads
 * "−23.6" and not a figure that disagrees with the two printed rates by a rounding step).
 */
export function rateDifferencePoints(raw: number | undefined, qualified: number | undefined): number | undefined {
  if (raw === undefined || qualified === undefined || !Number.isFinite(raw) || !Number.isFinite(qualified)) {
    return undefined;
  }
  const shown = (rate: number) => Math.round(rate * 1000) / 10;
  return Math.round((shown(qualified) - shown(raw)) * 10) / 10;
}

/** −23.6 → "−23.6" (true minus sign), 0 → "0.0". */
export function formatPoints(points: number | undefined, missing = 'n/a'): string {
  if (points === undefined) return missing;
  return pointsFormat.format(points).replace('-', '\u2212');
}

/** Seconds → a short human duration: "0 s", "45 s", "5 min", "3 h", "2 d". */
export function formatDuration(seconds: number): string {
  const abs = Math.abs(seconds);
  const sign = seconds < 0 ? '\u2212' : '';
  if (abs < 60) return `${sign}${Math.round(abs)} s`;
  if (abs < 3600) return `${sign}${Math.round(abs / 60)} min`;
  if (abs < 86_400) return `${sign}${Math.round(abs / 3600)} h`;
  return `${sign}${Math.round(abs / 86_400)} d`;
}

/** ms since epoch → "2026-11-24 10:02" in the user's zone (ISO-like so it sorts and reads the same everywhere). */
export function formatDateTime(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
