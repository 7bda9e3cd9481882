// The options page: one nav, one section at a time (chosen by the URL hash so a section can be linked to and
// the browser's back button works). Settings are loaded once here and handed to the sections that edit them.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { BroadcastMap } from '../shared/messages';
import { settingsChanges, type Settings } from '../shared/settings';
import { ErrorText } from '../ui/components/ErrorText';
import { LiveStatus } from '../ui/components/LiveStatus';
import { useBroadcast } from '../ui/use-broadcast';
import { t, type MessageKey } from '../ui/i18n';
import { errorText, request } from '../ui/request';
import type { ImportRunner } from './run-import';
import { DataSection } from './sections/DataSection';
import { FirstRunCard, isFirstRun } from './sections/FirstRunCard';
import { HistorySection } from './sections/HistorySection';
import { ImportSection } from './sections/ImportSection';
import { MailHostSection } from './sections/MailHostSection';
import { RangesSection } from './sections/RangesSection';
import { SettingsSection } from './sections/SettingsSection';
import { SitesSection } from './sections/SitesSection';

export const SECTIONS = ['settings', 'ranges', 'sites', 'mx', 'history', 'import', 'data'] as const;
export type SectionId = (typeof SECTIONS)[number];

export function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#/, '');
  return (SECTIONS as readonly string[]).includes(id) ? (id as SectionId) : 'settings';
}

export function OptionsApp({ importRunner }: { importRunner: ImportRunner }) {
  const [section, setSection] = useState<SectionId>(() => sectionFromHash(location.hash));
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  const [loadError, setLoadError] = useState('');
  const [firstRun, setFirstRun] = useState(() => isFirstRun(location.search));
  // After the first-run download: what it did (the card is gone), and a fresh ranges section showing the lists.
  const [firstRunOutcome, setFirstRunOutcome] = useState('');
  const [rangesGeneration, setRangesGeneration] = useState(0);
  const endFirstRun = useCallback((downloaded?: string) => {
    setFirstRun(false);
    if (downloaded) {
      setFirstRunOutcome(downloaded);
      setRangesGeneration((generation) => generation + 1);
    }
    // A reload must not show the card again.
    history.replaceState(null, '', `${location.pathname}${location.hash}`);
  }, []);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstSection = useRef(true);

  // After choosing a section, keyboard and screen-reader users land on its heading instead of the nav's end.
  useEffect(() => {
    if (firstSection.current) {
      firstSection.current = false;
      return;
    }
    heading.current?.focus();
  }, [section]);

  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const load = useCallback(async () => {
    try {
      setSettings(await request('get-settings', {}));
      setLoadError('');
    } catch (error) {
      setLoadError(errorText(error));
    }
  }, []);
  useEffect(() => void load(), [load]);

  // Sections hand over whole settings; only the fields they changed are sent, so a change the popup saved
  // meanwhile (another field) is not overwritten with this page's older copy.
  const save = useCallback(
    async (next: Settings) => {
      const saved = await request('save-settings', { settings: settings ? settingsChanges(settings, next) : next });
      setSettings(saved);
      return saved;
    },
    [settings],
  );

  // Another page (the popup, another options tab) saved settings: show them.
  const showSavedSettings = useCallback((_type: 'settings-changed', payload: BroadcastMap['settings-changed']) => setSettings(payload.settings), []);
  useBroadcast(['settings-changed'], showSavedSettings);

  const title = t(`ui_section_${section}` as MessageKey);
  let content;
  if (!settings) {
    content = loadError ? (
      <div>
        <ErrorText message={loadError} testId="options-error" />
        <button type="button" onClick={() => void load()}>
          {t('ui_retry')}
        </button>
      </div>
    ) : (
      <LiveStatus message={t('ui_loading')} />
    );
  } else if (section === 'settings') content = <SettingsSection settings={settings} save={save} />;
  else if (section === 'ranges') content = <RangesSection key={rangesGeneration} />;
  else if (section === 'sites') content = <SitesSection settings={settings} save={save} />;
  else if (section === 'mx') content = <MailHostSection settings={settings} save={save} />;
  else if (section === 'history') content = <HistorySection />;
  else if (section === 'import') content = <ImportSection settings={settings} runner={importRunner} />;
  else content = <DataSection settings={settings} save={save} />;

  return (
    <div class="options-layout">
      <nav class="options-nav" aria-label={t('ui_nav')}>
        <h1>{t('ui_optionsTitle')}</h1>
        <ul>
          {SECTIONS.map((id) => (
            <li key={id}>
              <a href={`#${id}`} aria-current={id === section ? 'page' : undefined} data-testid={`nav-${id}`}>
                {t(`ui_section_${id}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main data-testid={`section-${section}`}>
        {firstRun ? <FirstRunCard onDone={endFirstRun} /> : null}
        {firstRunOutcome ? <LiveStatus message={firstRunOutcome} testId="first-run-outcome" /> : null}
        <h2 ref={heading} tabIndex={-1} data-testid="section-heading">
          {title}
        </h2>
        {section === 'settings' ? <p class="muted">{t('ui_optionsIntro')}</p> : null}
        {content}
      </main>
    </div>
  );
}
