// The settings form's values as typed (strings in inputs) and their checked conversion back to Settings.
// Pure, so validation is tested without rendering. The worker sanitizes again (shared/settings.ts); this layer
// exists to tell the person which field is wrong instead of silently keeping the old value.
import type { FilterMode, Settings } from '../shared/settings';
import type { BurstWindowMode } from '../shared/types';
import { t } from '../ui/i18n';
import { compileHoneypots } from '../classifier/signals/honeypot';

export interface SettingsFormValues {
  countSuspect: boolean;
  mode: FilterMode;
  showMarks: boolean;
  machineThreshold: string;
  suspectThreshold: string;
  /** Learn the burst window from each campaign, or use the seconds below as they are. */
  burstWindowMode: BurstWindowMode;
  burstWindowSeconds: string;
  /** One pattern per line. */
  honeypotPatterns: string;
}

export type SettingsFormField = keyof SettingsFormValues;

export function formValuesFrom(settings: Settings): SettingsFormValues {
  return {
    countSuspect: !settings.classifier.strict,
    mode: settings.mode,
    showMarks: settings.showMarks,
    machineThreshold: String(settings.classifier.machineThreshold),
    suspectThreshold: String(settings.classifier.suspectThreshold),
    burstWindowMode: settings.classifier.burstWindowMode,
    burstWindowSeconds: String(settings.classifier.burstWindowSeconds),
    honeypotPatterns: settings.classifier.honeypotPatterns.join('\n'),
  };
}

// The same bounds sanitizeSettings enforces (src/shared/settings.ts).
const NUMBER_FIELDS = {
  machineThreshold: { min: 0.05, max: 0.99, name: 'Machine threshold' },
  suspectThreshold: { min: 0.01, max: 0.99, name: 'Suspect threshold' },
  burstWindowSeconds: { min: 0.2, max: 60, name: 'Burst window' },
} as const;

function readNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Why the classifier would not use a pattern (an invalid /regex/, or one outside the linear-time subset), in a
 * sentence for the form; any other text is a plain URL fragment and always usable. The classifier's own check,
 * so the form and the classifier never disagree.
 */
export function honeypotPatternProblem(pattern: string): string | undefined {
  const refused = compileHoneypots([pattern]).refused[0];
  return refused ? t('ui_invalidPattern', { pattern, problem: refused.problem }) : undefined;
}

export type FormResult =
  | { ok: true; settings: Settings }
  | { ok: false; errors: Partial<Record<SettingsFormField, string>> };

/** Applies the form to `base` (the fields the form does not show are kept), or says what is wrong. */
export function settingsFromForm(values: SettingsFormValues, base: Settings): FormResult {
  const errors: Partial<Record<SettingsFormField, string>> = {};
  const numbers: Partial<Record<keyof typeof NUMBER_FIELDS, number>> = {};
  for (const [field, bounds] of Object.entries(NUMBER_FIELDS) as Array<[keyof typeof NUMBER_FIELDS, (typeof NUMBER_FIELDS)[keyof typeof NUMBER_FIELDS]]>) {
    const value = readNumber(values[field]);
    if (value === undefined || value < bounds.min || value > bounds.max) {
      errors[field] = t('ui_invalidNumber', { field: bounds.name, min: bounds.min, max: bounds.max });
    } else {
      numbers[field] = value;
    }
  }
  if (numbers.machineThreshold !== undefined && numbers.suspectThreshold !== undefined && numbers.suspectThreshold > numbers.machineThreshold) {
    errors.suspectThreshold = t('ui_suspectAboveMachine');
  }
  const patterns = values.honeypotPatterns
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const patternProblem = patterns.map(honeypotPatternProblem).find((problem) => problem !== undefined);
  if (patternProblem) errors.honeypotPatterns = patternProblem;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      ...base,
      mode: values.mode,
      showMarks: values.showMarks,
      classifier: {
        ...base.classifier,
        strict: !values.countSuspect,
        machineThreshold: numbers.machineThreshold!,
        suspectThreshold: numbers.suspectThreshold!,
        burstWindowMode: values.burstWindowMode,
        burstWindowSeconds: numbers.burstWindowSeconds!,
        honeypotPatterns: patterns,
      },
    },
  };
}

/** "mail.example.com", "https://mail.example.com/reports" or a pattern → `https://mail.example.com/*`. */
export function sitePatternFromInput(input: string): string | undefined {
  const trimmed = input.trim();
  if (trimmed === '') return undefined;
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme.replace('/*', '/'));
    if (url.protocol !== 'https:' || !/^[a-z0-9.-]+\.[a-z0-9-]+$/i.test(url.hostname)) return undefined;
    return `https://${url.hostname.toLowerCase()}/*`;
  } catch {
    return undefined;
  }
}

/**
 * The origin pattern of a DoH resolver URL, for the optional host permission: the same pattern the worker checks
 * before it sends a query (src/background/mail-hosts.ts), port included.
 */
export function resolverOrigin(resolverUrl: string): string | undefined {
  try {
    const url = new URL(resolverUrl);
    return url.protocol === 'https:' && url.hostname ? `${url.origin}/*` : undefined;
  } catch {
    return undefined;
  }
}
