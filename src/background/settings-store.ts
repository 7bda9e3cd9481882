// Settings live in IndexedDB (the worker's one store) and always pass through sanitizeSettings on the way in
// and out, so an old or hand-edited record can never break classification.
import { mergeSettingsChanges, sanitizeSettings, type Settings } from '../shared/settings';
import { getSetting, updateSetting } from './db';

const SETTINGS_KEY = 'user';
let cached: Settings | undefined;

export async function loadSettings(): Promise<Settings> {
  if (!cached) cached = sanitizeSettings(await getSetting<unknown>(SETTINGS_KEY));
  return cached;
}

/**
 * Applies the fields one page changed to the stored settings in one transaction (see updateSetting), so a save
 * from the popup and one from the options page both survive whatever their order.
 */
export async function updateSettings(changes: unknown): Promise<Settings> {
  const merged = await updateSetting(SETTINGS_KEY, (stored) => mergeSettingsChanges(sanitizeSettings(stored), changes));
  cached = merged;
  return merged;
}

/** Tests and the "clear data" action start from what is stored, not from this worker's memory. */
export function forgetCachedSettings(): void {
  cached = undefined;
}
