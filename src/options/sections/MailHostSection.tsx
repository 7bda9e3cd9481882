import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { LiveStatus } from '../../ui/components/LiveStatus';
import { t } from '../../ui/i18n';
import { errorText } from '../../ui/request';
import { resolverOrigin } from '../settings-form';
import type { SettingsBinding } from './types';

/** Opt-in MX lookup: off by default; turning it on asks for the resolver's host permission, and says what is sent. */
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
    </div>
  );
}
