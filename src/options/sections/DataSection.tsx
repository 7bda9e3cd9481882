import { useCallback, useEffect, useState } from 'preact/hooks';
import type { HistoryStatus } from '../../shared/messages';
import { HISTORY_CAP_MEGABYTES } from '../../shared/settings';
import { sanitizeSettings } from '../../shared/settings';
import { ErrorText } from '../../ui/components/ErrorText';
import { LiveStatus } from '../../ui/components/LiveStatus';
import { downloadText } from '../../ui/download';
import { t } from '../../ui/i18n';
import { errorText, request } from '../../ui/request';
import { formatDateTime } from '../../ui/format';
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

const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);

/** The history's size against its cap, the cap itself (the user's to change), and what pruning last removed. */
function HistoryCap({ settings, save, onStatus }: SettingsBinding & { onStatus: (message: string) => void }) {
  const [history, setHistory] = useState<HistoryStatus | undefined>(undefined);
  const [cap, setCap] = useState(String(settings.history.capMegabytes));
  const [error, setError] = useState('');
  const reload = useCallback(async () => {
    try {
      setHistory(await request('history-status', {}));
    } catch (failure) {
      onStatus(errorText(failure));
    }
  }, [onStatus]);
  useEffect(() => void reload(), [reload, settings.history.capMegabytes]);

  const apply = async (event: Event) => {
    event.preventDefault();
    const value = Number(cap.trim().replace(',', '.'));
    if (!Number.isFinite(value) || value < HISTORY_CAP_MEGABYTES.min || value > HISTORY_CAP_MEGABYTES.max) {
      setError(t('ui_invalidHistoryCap', { min: HISTORY_CAP_MEGABYTES.min, max: HISTORY_CAP_MEGABYTES.max }));
      return;
    }
    setError('');
    try {
      await save({ ...settings, history: { capMegabytes: value } });
      onStatus(t('ui_saved'));
      // Lowering the cap prunes in the worker right after the save.
      setTimeout(() => void reload(), 500);
    } catch (failure) {
      onStatus(t('ui_saveFailed', { error: errorText(failure) }));
    }
  };

  return (
    <form onSubmit={(event) => void apply(event)} noValidate data-testid="history-cap-form">
      {history ? (
        <p data-testid="history-size">
          {t('ui_historySize', {
            size: megabytes(history.historyBytes),
            cap: megabytes(history.historyCapBytes),
            reports: history.reports,
            pinned: history.pinned,
          })}
        </p>
      ) : null}
      {history?.lastPruned ? (
        <p class="muted" data-testid="history-pruned">
          {t('ui_historyPruned', {
            date: formatDateTime(history.lastPruned.at),
            reports: history.lastPruned.reports,
            size: megabytes(history.lastPruned.bytes),
            names: history.lastPruned.names.join(', '),
          })}
        </p>
      ) : null}
      <div class="field">
        <label for="history-cap">{t('ui_historyCap')}</label>
        <input
          id="history-cap"
          inputMode="decimal"
          value={cap}
          onInput={(event) => setCap((event.currentTarget as HTMLInputElement).value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby="history-cap-hint history-cap-error"
          data-testid="history-cap"
        />
        <p id="history-cap-hint" class="muted">
          {t('ui_historyCapHint')}
        </p>
        <ErrorText id="history-cap-error" message={error} />
        <button type="submit" data-testid="save-history-cap">
          {t('ui_save')}
        </button>
      </div>
    </form>
  );
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
      <HistoryCap settings={settings} save={save} onStatus={setStatus} />
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
