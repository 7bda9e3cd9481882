// The popup: the active tab's report at a glance, or a plain statement of why there is none yet.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { isBroadcast, pageEnvelope, type TabReport } from '../shared/messages';
import type { Settings } from '../shared/settings';
import { ReportView } from '../ui/components/Report';
import { LiveStatus } from '../ui/components/LiveStatus';
import { PageStatus } from '../ui/components/PageStatus';
import { StorageBanner } from '../ui/components/StorageBanner';
import { formatCount, formatRate } from '../ui/format';
import { t } from '../ui/i18n';
import { errorText, request, type RetryOptions } from '../ui/request';
import { popupView, sitePatternFor, type PopupView } from './popup-state';

export interface PopupTab {
  id: number;
  url?: string;
}

export interface PopupProps {
  /** The tab to report on; undefined when there is none (e.g. a devtools window). */
  tab: PopupTab | undefined;
  /** Match patterns of the pages the reader supports out of the box (the adapters'). */
  readerPatterns: readonly string[];
  /** Plain-words list of supported pages. */
  supportedPages: readonly string[];
  /** How often to ask again while the page is loading or reading. */
  pollMs?: number;
  retry?: RetryOptions;
}

type Load =
  | { phase: 'loading' }
  | { phase: 'restarting'; attempt: number }
  | { phase: 'failed'; message: string }
  | { phase: 'loaded'; tabReport: TabReport; settings: Settings };

export function PopupApp({ tab, readerPatterns, supportedPages, pollMs = 700, retry }: PopupProps) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [status, setStatus] = useState('');
  const [siteAdded, setSiteAdded] = useState(false);
  // The labels of the user's own IP ranges: a row matched by one shows the name the user typed.
  const [userRangeLabels, setUserRangeLabels] = useState<readonly string[]>([]);
  const askedForRanges = useRef(false);
  const loaded = load.phase === 'loaded';
  useEffect(() => {
    // Once the worker answers (never competing with the first report for a restarting worker).
    if (!loaded || askedForRanges.current) return;
    askedForRanges.current = true;
    request('list-user-ranges', {}).then(
      (ranges) => setUserRangeLabels(ranges.map((range) => range.label)),
      () => undefined,
    );
  }, [loaded]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);

  const shown = useRef<Load>(load);
  shown.current = load;

  const fetchAll = useCallback(async () => {
    clearTimeout(timer.current);
    // Once a report is on screen, a failed refresh keeps it there and tries again later instead of replacing it.
    const refreshing = () => shown.current.phase === 'loaded';
    const retryOptions: RetryOptions = {
      ...retry,
      onRetry: (attempt) => {
        if (alive.current && !refreshing()) setLoad({ phase: 'restarting', attempt });
      },
    };
    try {
      const settings = await request('get-settings', {}, retryOptions);
      const tabReport = tab ? await request('get-tab-report', { tabId: tab.id }, retryOptions) : {};
      if (!alive.current) return;
      setLoad((current) =>
        // An unchanged report keeps the same state object, so a poll does not re-render the popup.
        current.phase === 'loaded' &&
        tabReport.updatedAt !== undefined &&
        current.tabReport.updatedAt === tabReport.updatedAt &&
        JSON.stringify(current.settings) === JSON.stringify(settings)
          ? current
          : { phase: 'loaded', tabReport, settings },
      );
      const view = popupView(tabReport, tab?.url, [...readerPatterns, ...settings.customSites]);
      if (view.kind === 'waiting' || view.kind === 'reading') {
        timer.current = setTimeout(() => void fetchAll(), pollMs);
      } else if (view.kind === 'ready') {
        // Slower while ready: the page may still add rows (pagination, infinite scroll) and the numbers follow.
        timer.current = setTimeout(() => void fetchAll(), pollMs * 4);
      }
    } catch (error) {
      if (!alive.current) return;
      if (refreshing()) timer.current = setTimeout(() => void fetchAll(), pollMs * 4);
      else setLoad({ phase: 'failed', message: errorText(error) });
    }
  }, [tab, readerPatterns, pollMs, retry]);

  useEffect(() => {
    alive.current = true;
    void fetchAll();
    // Saved settings and re-classified reports show at once, not at the next poll.
    const onBroadcast = (message: unknown) => {
      if (isBroadcast(message) && (message.type === 'settings-changed' || message.type === 'reports-changed')) void fetchAll();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onBroadcast);
    return () => {
      alive.current = false;
      clearTimeout(timer.current);
      browser.runtime.onMessage.removeListener(onBroadcast);
    };
  }, [fetchAll]);

  const openDemo = () => {
    void browser.tabs.create({ url: browser.runtime.getURL('src/demo/index.html') });
  };
  const openOptions = () => {
    void browser.runtime.openOptionsPage?.();
  };

  let body;
  if (load.phase === 'loading') {
    body = <p class="muted">{t('ui_loading')}</p>;
  } else if (load.phase === 'restarting') {
    body = (
      <p class="note" data-testid="state-restarting">
        {t('ui_workerRestarting', { attempt: load.attempt })}
      </p>
    );
  } else if (load.phase === 'failed') {
    body = (
      <div data-testid="state-error">
        <h2>{t('ui_errorTitle')}</h2>
        <p class="error" data-testid="error-message">
          {load.message}
        </p>
        <button type="button" onClick={() => void fetchAll()}>
          {t('ui_retry')}
        </button>
      </div>
    );
  } else {
    const { tabReport, settings } = load;
    const view = popupView(tabReport, tab?.url, [...readerPatterns, ...settings.customSites]);
    const sitePattern = sitePatternFor(tab?.url);
    const addSite = async () => {
      if (!sitePattern) return;
      // permissions.request must run first, inside the click (Firefox refuses it after an await).
      const granted = await browser.permissions.request({ origins: [sitePattern] });
      if (!granted) {
        setStatus(t('ui_siteDenied', { origin: sitePattern }));
        return;
      }
      try {
        const current = await request('get-settings', {}, retry);
        const customSites = current.customSites.includes(sitePattern)
          ? current.customSites
          : [...current.customSites, sitePattern];
        const saved = await request('save-settings', { settings: { customSites } }, retry);
        setLoad({ phase: 'loaded', tabReport, settings: saved });
        setSiteAdded(true);
        setStatus(t('ui_siteAdded', { origin: sitePattern }));
      } catch (error) {
        setStatus(t('ui_saveFailed', { error: errorText(error) }));
      }
    };
    const toggleMarks = async (visible: boolean) => {
      if (tab) {
        // The content script may not be there (unsupported page); the saved setting still applies next time.
        await browser.tabs
          .sendMessage(tab.id, pageEnvelope('set-marks-visible', { visible }))
          .catch(() => undefined);
      }
      try {
        // Only the field changed: a whole copy would undo what the options page saved meanwhile.
        const saved = await request('save-settings', { settings: { showMarks: visible } }, retry);
        setLoad({ phase: 'loaded', tabReport, settings: saved });
      } catch (error) {
        setStatus(t('ui_saveFailed', { error: errorText(error) }));
      }
    };
    body = (
      <PopupBody
        view={view}
        tabReport={tabReport}
        settings={settings}
        supportedPages={supportedPages}
        sitePattern={siteAdded ? undefined : sitePattern}
        onAddSite={() => void addSite()}
        onToggleMarks={(visible) => void toggleMarks(visible)}
        onReload={siteAdded && tab ? () => void browser.tabs.reload(tab.id) : undefined}
        userRangeLabels={userRangeLabels}
      />
    );
  }

  return (
    <main>
      <h1 class="visually-hidden">Scanner Sieve</h1>
      {/* The state in one short sentence for screen readers; the report itself is not a live region (it would
          be read out whole on every update). */}
      <p class="visually-hidden" role="status" data-testid="state-announcement">
        {announcement(load, tab, readerPatterns)}
      </p>
      {load.phase === 'loaded' ? (
        <StorageBanner problem={load.tabReport.storageProblem} onFreeSpace={() => void browser.tabs.create({ url: browser.runtime.getURL('src/options/index.html#data') })} />
      ) : null}
      {body}
      <LiveStatus message={status} />
      <footer class="popup-footer">
        <button type="button" onClick={openDemo} data-testid="open-demo">
          {t('ui_tryDemo')}
        </button>
        <button type="button" onClick={openOptions} data-testid="open-options">
          {t('ui_openOptions')}
        </button>
      </footer>
    </main>
  );
}

function announcement(load: Load, tab: PopupTab | undefined, readerPatterns: readonly string[]): string {
  if (load.phase === 'loading') return t('ui_loading');
  if (load.phase === 'restarting') return t('ui_workerRestarting', { attempt: load.attempt });
  if (load.phase === 'failed') return `${t('ui_errorTitle')}: ${load.message}`;
  const view = popupView(load.tabReport, tab?.url, [...readerPatterns, ...load.settings.customSites]);
  switch (view.kind) {
    case 'unsupported':
      return t('ui_unsupportedTitle');
    case 'waiting':
      return t('ui_waitingForPage');
    case 'no-table':
      return t('ui_noTableTitle');
    case 'no-events':
      return t('ui_noEventsTitle');
    case 'error':
      return `${t('ui_errorTitle')}: ${view.message}`;
    case 'reading':
      // Coarse steps: a polite region re-read on every row batch would never finish speaking.
      return `${t('ui_readingTitle')} ${Math.floor((view.done / Math.max(1, view.total)) * 4) * 25}%`;
    case 'ready': {
      const summary = load.tabReport.report?.summary;
      return t('ui_reportReady', {
        campaign: load.tabReport.campaignName || t('ui_untitledCampaign'),
        rate: formatRate(summary?.qualified.openRate, t('ui_notAvailable')),
      });
    }
  }
}

interface PopupBodyProps {
  view: PopupView;
  tabReport: TabReport;
  settings: Settings;
  supportedPages: readonly string[];
  sitePattern: string | undefined;
  onAddSite: () => void;
  onToggleMarks: (visible: boolean) => void;
  onReload: (() => void) | undefined;
  userRangeLabels: readonly string[];
}

function SupportedPages({ pages }: { pages: readonly string[] }) {
  if (pages.length === 0) return null;
  return (
    <details open>
      <summary>{t('ui_supportedPages')}</summary>
      <ul data-testid="supported-pages">
        {pages.map((page) => (
          <li key={page}>{page}</li>
        ))}
      </ul>
    </details>
  );
}

function PopupBody(props: PopupBodyProps) {
  const { view, tabReport, settings } = props;
  const addSite = props.sitePattern ? (
    <button type="button" class="primary" onClick={props.onAddSite} data-testid="add-site">
      {t('ui_addThisSite', { origin: props.sitePattern })}
    </button>
  ) : null;
  const reload = props.onReload ? (
    <button type="button" onClick={props.onReload} data-testid="reload-page">
      {t('ui_reloadPage')}
    </button>
  ) : null;
  switch (view.kind) {
    case 'unsupported':
      return (
        <div data-testid="state-unsupported">
          <h2>{t('ui_unsupportedTitle')}</h2>
          <p>{t('ui_unsupportedBody')}</p>
          <SupportedPages pages={props.supportedPages} />
          <div class="button-row">
            {addSite}
            {reload}
          </div>
        </div>
      );
    case 'no-table':
      return (
        <div data-testid="state-no-table">
          <h2>{t('ui_noTableTitle')}</h2>
          <p>{t('ui_noTableBody')}</p>
          <SupportedPages pages={view.supportedPages.length > 0 ? view.supportedPages : props.supportedPages} />
        </div>
      );
    case 'no-events':
      return (
        <div data-testid="state-no-events">
          <PageStatus identity={tabReport.identity} state="no-events" />
          <p class="muted">{t('ui_noEventsBody')}</p>
        </div>
      );
    case 'error':
      return (
        <div data-testid="state-error">
          <h2>{t('ui_errorTitle')}</h2>
          <p class="error" data-testid="error-message">
            {view.message}
          </p>
        </div>
      );
    case 'waiting':
      // Right after "add this site" the page has no reader yet: it runs from the next load, hence the reload.
      return (
        <div data-testid="state-waiting">
          <p class="muted">{t('ui_waitingForPage')}</p>
          {reload}
        </div>
      );
    case 'reading':
    case 'ready': {
      const report = tabReport.report;
      return (
        <div data-testid={view.kind === 'reading' ? 'state-reading' : 'state-ready'}>
          <PageStatus identity={tabReport.identity} />
          {view.kind === 'reading' ? (
            <div class="reading">
              <h2>{t('ui_readingTitle')}</h2>
              <progress
                max={Math.max(1, view.total)}
                value={view.done}
                aria-label={t('ui_readingTitle')}
                data-testid="reading-progress"
              />
              <p class="muted">{t('ui_readingProgress', { done: formatCount(view.done), total: formatCount(view.total) })}</p>
            </div>
          ) : null}
          {report ? (
            <ReportView
              report={report}
              campaignName={tabReport.campaignName}
              esp={tabReport.esp}
              source="page"
              strict={settings.classifier.strict}
              mode={settings.mode}
              loadEvents={tabReport.campaignKey ? () => request('report-events', { campaignKey: tabReport.campaignKey! }) : undefined}
              userRangeLabels={props.userRangeLabels}
              // The page status above already names the campaign and how it was found: no second heading.
              header={tabReport.identity ? <></> : undefined}
            />
          ) : null}
          {/* A setting, not a figure: below the report, so the headline and exports keep the first screen. */}
          <label class="toggle">
            <input
              type="checkbox"
              checked={settings.showMarks}
              onChange={(event) => props.onToggleMarks((event.currentTarget as HTMLInputElement).checked)}
              data-testid="toggle-marks"
            />
            {t('ui_showMarks')}
          </label>
        </div>
      );
    }
  }
}
