// User settings: one shape, one set of defaults, one sanitizer. Whatever comes from storage or an imported
// settings file passes through `sanitizeSettings`, so a corrupt or old record can never break the worker.
import { BURST_WINDOW_MODES, DEFAULT_CLASSIFIER_SETTINGS, type BurstWindowMode, type ClassifierSettings } from './types';

export type FilterMode = 'filter' | 'log-only';

export interface Settings {
  classifier: ClassifierSettings;
  /** `log-only`: label rows but report raw numbers as the headline (for users who only want to look). */
  mode: FilterMode;
  /** Show label chips and the floating summary on ESP pages. */
  showMarks: boolean;
  /** Opt-in MX lookup of recipient domains over DNS-over-HTTPS (off by default: it sends domains to a resolver). */
  mxLookup: { enabled: boolean; resolverUrl: string };
  /** Origins the user added ("add this site"), e.g. `https://mail.example.com/*`. */
  customSites: string[];
  /** The stored history (reports and their accumulated rows) is kept under this size; oldest unpinned go first. */
  history: { capMegabytes: number };
}

/** Bounds of the history cap the options page offers (megabytes). */
export const HISTORY_CAP_MEGABYTES = { min: 5, max: 5000, default: 200 } as const;

export const DEFAULT_SETTINGS: Settings = {
  classifier: DEFAULT_CLASSIFIER_SETTINGS,
  mode: 'filter',
  showMarks: true,
  mxLookup: { enabled: false, resolverUrl: 'https://cloudflare-dns.com/dns-query' },
  customSites: [],
  history: { capMegabytes: HISTORY_CAP_MEGABYTES.default },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberIn(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

function stringList(value: unknown, maxItems: number, maxLength: number): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((item): item is string => typeof item === 'string' && item.trim() !== '' && item.length <= maxLength)
    .map((item) => item.trim())
    .slice(0, maxItems);
}

/** A site pattern the user may add: https only, a host, and a path wildcard. */
export function isValidSitePattern(pattern: string): boolean {
  return /^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\/\*$/i.test(pattern);
}

/**
 * Turns anything into valid classifier settings, keeping each valid field (the classifier calls this too, so
 * the options page, the worker and the CLI accept exactly the same values).
 */
export function sanitizeClassifierSettings(input: unknown): ClassifierSettings {
  const classifierInput = isRecord(input) ? input : {};
  const defaults = DEFAULT_CLASSIFIER_SETTINGS;
  const machineThreshold = numberIn(classifierInput.machineThreshold, 0.05, 0.99, defaults.machineThreshold);
  return {
    strict: typeof classifierInput.strict === 'boolean' ? classifierInput.strict : defaults.strict,
    honeypotPatterns: stringList(classifierInput.honeypotPatterns, 50, 500) ?? [...defaults.honeypotPatterns],
    machineThreshold,
    // A suspect threshold above the machine threshold would make `suspect` unreachable.
    suspectThreshold: Math.min(
      numberIn(classifierInput.suspectThreshold, 0.01, 0.99, defaults.suspectThreshold),
      machineThreshold,
    ),
    burstWindowMode: burstWindowModeOf(classifierInput),
    burstWindowSeconds: numberIn(classifierInput.burstWindowSeconds, 0.2, 60, defaults.burstWindowSeconds),
  };
}

/**
 * The burst-window mode, migrating settings stored before the mode existed: those had only the seconds, and a
 * value other than the 2 s default meant the person fixed it (the classifier learned the window otherwise), so
 * such a record keeps its fixed window and any other old record learns.
 */
function burstWindowModeOf(classifierInput: Record<string, unknown>): BurstWindowMode {
  const mode = classifierInput.burstWindowMode;
  if (typeof mode === 'string' && (BURST_WINDOW_MODES as readonly string[]).includes(mode)) return mode as BurstWindowMode;
  const seconds = numberIn(classifierInput.burstWindowSeconds, 0.2, 60, DEFAULT_CLASSIFIER_SETTINGS.burstWindowSeconds);
  return seconds === DEFAULT_CLASSIFIER_SETTINGS.burstWindowSeconds ? 'learned' : 'fixed';
}

/** Turns anything (stored JSON, an imported file) into valid settings, keeping each valid field. */
export function sanitizeSettings(input: unknown): Settings {
  if (!isRecord(input)) return structuredClone(DEFAULT_SETTINGS);
  const mx = isRecord(input.mxLookup) ? input.mxLookup : {};
  const resolverUrl =
    typeof mx.resolverUrl === 'string' && /^https:\/\/[^\s/]+\/\S*$/.test(mx.resolverUrl)
      ? mx.resolverUrl
      : DEFAULT_SETTINGS.mxLookup.resolverUrl;
  return {
    classifier: sanitizeClassifierSettings(input.classifier),
    mode: input.mode === 'log-only' ? 'log-only' : 'filter',
    showMarks: typeof input.showMarks === 'boolean' ? input.showMarks : DEFAULT_SETTINGS.showMarks,
    mxLookup: { enabled: mx.enabled === true, resolverUrl },
    customSites: (stringList(input.customSites, 200, 300) ?? []).filter(isValidSitePattern),
    history: {
      capMegabytes: numberIn(
        isRecord(input.history) ? input.history.capMegabytes : undefined,
        HISTORY_CAP_MEGABYTES.min,
        HISTORY_CAP_MEGABYTES.max,
        HISTORY_CAP_MEGABYTES.default,
      ),
    },
  };
}

/**
 * The fields of `after` that differ from `before` (nested groups field by field): what a page sends when it
 * saves, so it never writes back a stale copy of fields another page changed meanwhile.
 */
export function settingsChanges(before: Settings, after: Settings): SettingsChanges {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof Settings>) {
    const previous: unknown = before[key];
    const next: unknown = after[key];
    if (isRecord(previous) && isRecord(next)) {
      const changed = Object.fromEntries(
        Object.entries(next).filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(previous[field])),
      );
      if (Object.keys(changed).length > 0) changes[key] = changed;
    } else if (JSON.stringify(previous) !== JSON.stringify(next)) {
      changes[key] = next;
    }
  }
  return changes as SettingsChanges;
}

/** Some fields of the settings: what a page changed. Nested groups may be given in part. */
export type SettingsChanges = {
  [K in keyof Settings]?: Settings[K] extends unknown[] ? Settings[K] : Settings[K] extends object ? Partial<Settings[K]> : Settings[K];
};

/**
 * Applies the fields a page changed to the settings stored now, then sanitizes. Two pages saving different
 * fields both keep their change: each sends only what it changed, and the worker merges into what is stored.
 * Unknown keys are ignored; lists are replaced whole.
 */
export function mergeSettingsChanges(current: Settings, changes: unknown): Settings {
  if (!isRecord(changes)) return sanitizeSettings(current);
  const merged: Record<string, unknown> = { ...current };
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
    if (!(key in changes)) continue;
    const value = changes[key];
    const base = current[key];
    merged[key] = isRecord(value) && isRecord(base) ? { ...base, ...value } : value;
  }
  return sanitizeSettings(merged);
}
