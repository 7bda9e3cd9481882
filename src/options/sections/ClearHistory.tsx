import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { errorText, request } from '../../ui/request';

/** "Clear all history" with an inline confirmation step (no window.confirm: it is modal and not keyboard-friendly in every browser). */
export function ClearHistory({ onCleared, onStatus }: { onCleared: () => void; onStatus: (message: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const clear = async () => {
    setConfirming(false);
    try {
      await request('clear-history', {});
      onCleared();
      onStatus(t('ui_historyCleared'));
    } catch (error) {
      onStatus(errorText(error));
    }
  };
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} data-testid="clear-history">
        {t('ui_clearHistory')}
      </button>
    );
  }
  return (
    <span class="button-row" role="group" aria-label={t('ui_clearHistory')}>
      <button type="button" class="primary" onClick={() => void clear()} data-testid="confirm-clear-history">
        {t('ui_confirmClear')}
      </button>
      <button type="button" onClick={() => setConfirming(false)} data-testid="cancel-clear-history">
        {t('ui_cancel')}
      </button>
    </span>
  );
}
