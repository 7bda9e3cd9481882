import { useState } from 'preact/hooks';
import { sanitizeSettings } from '../../shared/settings';
import { LiveStatus } from '../../ui/components/LiveStatus';
import { downloadText } from '../../ui/download';
import { t } from '../../ui/i18n';
import { errorText } from '../../ui/request';
import { ClearHistory } from './ClearHistory';
import type { SettingsBinding } from './types';

/** Reads an imported settings file: JSON, then the same sanitizer the worker applies to stored settings. */
export function parseSettingsFile(text: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${errorText(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object');
  return sanitizeSettings(parsed);
}

export function DataSection({ settings, save }: SettingsBinding) {
  const [status, setStatus] = useState('');
  const exportSettings = () => {
    const fileName = 'scanner-sieve-settings.json';
    downloadText(fileName, 'application/json', JSON.stringify(settings, null, 2));
    setStatus(t('ui_exported', { fileName }));
  };
  const importSettings = async (file: File) => {
    try {
      await save(parseSettingsFile(await file.text()));
      setStatus(t('ui_settingsImported'));
    } catch (error) {
      setStatus(t('ui_settingsImportFailed', { error: errorText(error) }));
    }
  };
  return (
    <div>
      <p>{t('ui_dataIntro')}</p>
      <div class="button-row">
        <ClearHistory onCleared={() => undefined} onStatus={setStatus} />
        <button type="button" onClick={exportSettings} data-testid="export-settings">
          {t('ui_exportSettings')}
        </button>
      </div>
      <div class="field">
        <label for="settings-file">{t('ui_importSettings')}</label>
        <input
          id="settings-file"
          type="file"
          accept=".json,application/json"
          onChange={(event) => {
            const file = (event.currentTarget as HTMLInputElement).files?.[0];
            if (file) void importSettings(file);
          }}
          data-testid="import-settings"
        />
      </div>
      <LiveStatus message={status} testId="data-status" />
    </div>
  );
}
