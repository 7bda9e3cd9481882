// Settings live in IndexedDB (the worker's one store) and always pass through sanitizeSettings on the way in
// and out, so an old or hand-edited record can never break classification.
import { sanitizeSettings, type Settings } from '../shared/settings';
import { getSetting, putSetting } from './db';

const SETTINGS_KEY = 'user';
let cached: Settings | undefined;

export async function loadSettings(): Promise<Settings> {
  if (!cached) cached = sanitizeSettings(await getSetting<unknown>(SETTINGS_KEY));
  return cached;
}

export async function saveSettings(settings: Settings): Promise<Settings> {
  const clean = sanitizeSettings(settings);
  await putSetting(SETTINGS_KEY, clean);
  cached = clean;
  return clean;
}

/** Tests and the "clear data" action start from what is stored, not from this worker's memory. */
export function forgetCachedSettings(): void {
  cached = undefined;
}
