import { useEffect, useState } from 'preact/hooks';
import type { LookupStats } from '../../shared/messages';
import { formatCount, formatRate } from '../../ui/format';
import browser from 'webextension-polyfill';
import { LiveStatus } from '../../ui/components/LiveStatus';
import { t } from '../../ui/i18n';
import { errorText, request } from '../../ui/request';
import { resolverOrigin } from '../settings-form';
import type { SettingsBinding } from './types';

/** Opt-in MX lookup: off by default; turning it on asks for the resolver's host permission, and says what is sent. */
/** What the lookup did: queries sent against the caps, and how often the cache answered instead. */
function LookupCounts() {
  const [stats, setStats] = useState<LookupStats | undefined>(undefined);
  useEffect(() => {
    void request('lookup-stats', {}).then(setStats, () => undefined);
  }, []);
  if (!stats) return null;
  const total = stats.cacheHits + stats.cacheMisses;
  return (
    <div data-testid="lookup-counts">
      <p>
        {t('ui_lookupCounts', {
          sent: formatCount(stats.queriesSent),
          minute: formatCount(stats.sentLastMinute),
          perMinute: formatCount(stats.perMinuteCap),
          today: formatCount(stats.sentToday),
          perDay: formatCount(stats.perDayCap),
        })}
      </p>
      <p>
        {t('ui_lookupCache', {
          rate: formatRate(total > 0 ? stats.cacheHits / total : undefined),
          hits: formatCount(stats.cacheHits),
          total: formatCount(total),
          held: formatCount(stats.heldBack),
        })}
      </p>
    </div>
  );
}

export function MailHostSection({ settings, save }: SettingsBinding) {
  const [resolverUrl, setResolverUrl] = useState(settings.mxLookup.resolverUrl);
  const [status, setStatus] = useState('');
  const [shownUrl, setShownUrl] = useState(settings.mxLookup.resolverUrl);
  if (shownUrl !== settings.mxLookup.resolverUrl) {
    setShownUrl(settings.mxLookup.resolverUrl);
    setResolverUrl(settings.mxLookup.resolverUrl);
  }

  const apply = async (enabled: boolean, url: string) => {
    const origin = resolverOrigin(url);
    if (!origin) {
      setStatus(t('ui_invalidResolver'));
      return;
    }
    if (enabled && !(await browser.permissions.request({ origins: [origin] }))) {
      setStatus(t('ui_siteDenied', { origin }));
      return;
    }
    try {
      await save({ ...settings, mxLookup: { enabled, resolverUrl: url } });
      setStatus(t('ui_saved'));
    } catch (error) {
      setStatus(t('ui_saveFailed', { error: errorText(error) }));
    }
  };

  return (
    <div>
      <p data-testid="mx-statement">{t('ui_mxStatement')}</p>
      <label class="field-inline">
        <input
          type="checkbox"
          checked={settings.mxLookup.enabled}
          onChange={(event) => void apply((event.currentTarget as HTMLInputElement).checked, resolverUrl)}
          data-testid="mx-enabled"
        />
        {t('ui_mxEnable')}
      </label>
      <form
        class="field"
        onSubmit={(event) => {
          event.preventDefault();
          void apply(settings.mxLookup.enabled, resolverUrl.trim());
        }}
        noValidate
      >
        <label for="mx-resolver">{t('ui_mxResolver')}</label>
        <input
          id="mx-resolver"
          type="url"
          value={resolverUrl}
          onInput={(event) => setResolverUrl((event.currentTarget as HTMLInputElement).value)}
          data-testid="mx-resolver"
        />
        <div>
          <button type="submit">{t('ui_save')}</button>
        </div>
      </form>
      <LiveStatus message={status} testId="mx-status" />
      <LookupCounts />
    </div>
  );
}
