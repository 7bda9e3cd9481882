// "Refresh from official sources" and the first-run card's one click share this: ask for the three origins
// (the prompt must come straight from the click: Firefox refuses it after an await), then let the worker
// download, validate and swap the dataset.
import browser from 'webextension-polyfill';
import { REFRESH_ORIGINS } from '../ranges/official-sources';
import type { DatasetInfo } from '../shared/messages';
import { t } from '../ui/i18n';
import { errorText, request } from '../ui/request';

export type DownloadOutcome = { ok: true; info: DatasetInfo; message: string } | { ok: false; message: string };

export async function downloadOfficialLists(): Promise<DownloadOutcome> {
  const origins = [...REFRESH_ORIGINS];
  const granted = await browser.permissions.request({ origins });
  if (!granted) return { ok: false, message: t('ui_refreshDenied', { origins: origins.join(', ') }) };
  try {
    const info = await request('refresh-ranges', {});
    return { ok: true, info, message: t('ui_refreshDone', { version: info.version, count: info.prefixCount.toLocaleString('en-US') }) };
  } catch (error) {
    return { ok: false, message: t('ui_refreshFailed', { error: errorText(error) }) };
  }
}
