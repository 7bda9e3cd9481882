import type { Settings } from '../../shared/settings';

/** What a section that edits settings gets: the saved settings and a save that resolves with what was stored. */
export interface SettingsBinding {
  settings: Settings;
  save: (next: Settings) => Promise<Settings>;
}
