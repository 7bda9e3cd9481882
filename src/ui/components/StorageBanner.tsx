import type { StorageProblem } from '../../shared/messages';
import { t } from '../i18n';

const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);

/**
 * One line when the report could not be stored (the page is labelled all the same): why, the history's size
 * against its cap, and where to free space.
 */
export function StorageBanner({
  problem,
  onFreeSpace,
  source = 'page',
}: {
  problem: StorageProblem | undefined;
  onFreeSpace: () => void;
  /** What was not saved: a page's report (its labels stay on the page) or an imported file's. */
  source?: 'page' | 'import';
}) {
  if (!problem) return null;
  const size = { size: megabytes(problem.historyBytes), cap: megabytes(problem.historyCapBytes) };
  const quota = problem.kind === 'quota';
  const key = source === 'import' ? (quota ? 'ui_storageFullImport' : 'ui_storageFailedImport') : quota ? 'ui_storageFull' : 'ui_storageFailed';
  return (
    <p class="warning" role="alert" data-testid="storage-banner">
      {t(key, size)}{' '}
      <button type="button" onClick={onFreeSpace} data-testid="free-space">
        {t('ui_freeSpace')}
      </button>
    </p>
  );
}
