import { useEffect, useState } from 'preact/hooks';
import { formatCount } from '../../ui/format';
import { t } from '../../ui/i18n';
import { request } from '../../ui/request';
import { LiveStatus } from '../../ui/components/LiveStatus';
import { downloadOfficialLists } from '../download-official-lists';

/** The options page opened by the install (`?first-run`): true until the user answers the card. */
export function isFirstRun(search: string): boolean {
  return new URLSearchParams(search).has('first-run');
}

/**
 * First run: one plain sentence on what downloading the official lists sends where, and one click to do it.
 * Nothing is fetched unless the button is pressed (the permission prompt follows from that click).
 */
export function FirstRunCard({ onDone }: { onDone: (downloaded?: string) => void }) {
  const [bundledPrefixes, setBundledPrefixes] = useState<number | undefined>(undefined);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void request('dataset-info', {}).then(
      (info) => setBundledPrefixes(info.source === 'bundled' ? info.prefixCount : undefined),
      () => undefined,
    );
  }, []);
  if (bundledPrefixes === undefined) return null;
  const download = async () => {
    setBusy(true);
    setStatus(t('ui_refreshing'));
    const outcome = await downloadOfficialLists();
    setBusy(false);
    setStatus(outcome.message);
    if (outcome.ok) onDone(outcome.message);
  };
  return (
    <section class="card" aria-labelledby="first-run-title" data-testid="first-run-card">
      <h2 id="first-run-title">{t('ui_firstRunTitle')}</h2>
      <p data-testid="first-run-consent">{t('ui_firstRunBody', { count: formatCount(bundledPrefixes) })}</p>
      <div class="button-row">
        <button type="button" class="primary" onClick={() => void download()} disabled={busy} data-testid="first-run-download">
          {t('ui_firstRunDownload')}
        </button>
        <button type="button" onClick={() => onDone()} data-testid="first-run-later">
          {t('ui_firstRunLater')}
        </button>
      </div>
      <LiveStatus message={status} testId="first-run-status" />
    </section>
  );
}
