import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { LiveStatus } from '../../ui/components/LiveStatus';
import { t } from '../../ui/i18n';
import { errorText } from '../../ui/request';
import { sitePatternFromInput } from '../settings-form';
import type { SettingsBinding } from './types';

export function SitesSection({ settings, save }: SettingsBinding) {
  const [input, setInput] = useState('');
  const [status, setStatus] = useState('');
  const [granted, setGranted] = useState<Record<string, boolean>>({});

  useEffect(() => {
    let live = true;
    void Promise.all(
      settings.customSites.map(async (site) => [site, await browser.permissions.contains({ origins: [site] })] as const),
    ).then((entries) => {
      if (live) setGranted(Object.fromEntries(entries));
    });
    return () => {
      live = false;
    };
  }, [settings.customSites]);

  const add = async (event: Event) => {
    event.preventDefault();
    const pattern = sitePatternFromInput(input);
    if (!pattern) {
      setStatus(t('ui_invalidSite', { value: input.trim() }));
      return;
    }
    // Requested first, inside the submit gesture.
    if (!(await browser.permissions.request({ origins: [pattern] }))) {
      setStatus(t('ui_siteDenied', { origin: pattern }));
      return;
    }
    try {
      const customSites = settings.customSites.includes(pattern) ? settings.customSites : [...settings.customSites, pattern];
      await save({ ...settings, customSites });
      setInput('');
      setStatus(t('ui_siteAdded', { origin: pattern }));
    } catch (error) {
      setStatus(t('ui_saveFailed', { error: errorText(error) }));
    }
  };
  const remove = async (site: string) => {
    try {
      await browser.permissions.remove({ origins: [site] });
      await save({ ...settings, customSites: settings.customSites.filter((candidate) => candidate !== site) });
    } catch (error) {
      setStatus(t('ui_saveFailed', { error: errorText(error) }));
    }
  };

  return (
    <div>
      <p>{t('ui_sitesIntro')}</p>
      {settings.customSites.length === 0 ? (
        <p class="muted">{t('ui_noSites')}</p>
      ) : (
        <ul data-testid="custom-sites">
          {settings.customSites.map((site) => (
            <li key={site} data-site={site}>
              <code>{site}</code> <span class="muted">({granted[site] ? t('ui_granted') : t('ui_notGranted')})</span>{' '}
              <button type="button" onClick={() => void remove(site)} aria-label={`${t('ui_remove')} ${site}`}>
                {t('ui_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(event) => void add(event)} class="field-inline" data-testid="add-site-form" noValidate>
        <label for="site-input">{t('ui_siteInput')}</label>
        <input
          id="site-input"
          value={input}
          onInput={(event) => setInput((event.currentTarget as HTMLInputElement).value)}
          data-testid="site-input"
        />
        <button type="submit">{t('ui_addSite')}</button>
      </form>
      <LiveStatus message={status} testId="sites-status" />
    </div>
  );
}
