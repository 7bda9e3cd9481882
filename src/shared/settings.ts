// User settings: one shape, one set of defaults, one sanitizer. Whatever comes from storage or an imported
// settings file passes through `sanitizeSettings`, so a corrupt or old record can never break the worker.
import { DEFAULT_CLASSIFIER_SETTINGS, type ClassifierSettings } from './types';

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
}

export const DEFAULT_SETTINGS: Settings = {
  classifier: DEFAULT_CLASSIFIER_SETTINGS,
  mode: 'filter',
  showMarks: true,
  mxLookup: { enabled: false, resolverUrl: 'https://cloudflare-dns.com/dns-query' },
  customSites: [],
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

/** Turns anything (stored JSON, an imported file) into valid settings, keeping each valid field. */
export function sanitizeSettings(input: unknown): Settings {
  if (!isRecord(input)) return structuredClone(DEFAULT_SETTINGS);
  const classifierInput = isRecord(input.classifier) ? input.classifier : {};
  const defaults = DEFAULT_CLASSIFIER_SETTINGS;
  const machineThreshold = numberIn(classifierInput.machineThreshold, 0.05, 0.99, defaults.machineThreshold);
  const classifier: ClassifierSettings = {
    strict: typeof classifierInput.strict === 'boolean' ? classifierInput.strict : defaults.strict,
    honeypotPatterns: stringList(classifierInput.honeypotPatterns, 50, 500) ?? [...defaults.honeypotPatterns],
    machineThreshold,
    // A suspect threshold above the machine threshold would make `suspect` unreachable.
    suspectThreshold: Math.min(
      numberIn(classifierInput.suspectThreshold, 0.01, 0.99, defaults.suspectThreshold),
      machineThreshold,
    ),
    burstWindowSeconds: numberIn(classifierInput.burstWindowSeconds, 0.2, 60, defaults.burstWindowSeconds),
  };
  const mx = isRecord(input.mxLookup) ? input.mxLookup : {};
  const resolverUrl =
    typeof mx.resolverUrl === 'string' && /^https:\/\/[^\s/]+\/\S*$/.test(mx.resolverUrl)
      ? mx.resolverUrl
      : DEFAULT_SETTINGS.mxLookup.resolverUrl;
  return {
    classifier,
    mode: input.mode === 'log-only' ? 'log-only' : 'filter',
    showMarks: typeof input.showMarks === 'boolean' ? input.showMarks : DEFAULT_SETTINGS.showMarks,
    mxLookup: { enabled: mx.enabled === true, resolverUrl },
    customSites: (stringList(input.customSites, 200, 300) ?? []).filter(isValidSitePattern),
  };
}
