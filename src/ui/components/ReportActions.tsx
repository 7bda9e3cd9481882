import { useState } from 'preact/hooks';
import type { FilterMode } from '../../shared/settings';
import type { CampaignReport, EngagementEvent } from '../../shared/types';
import { copyText, downloadText, fileSlug } from '../download';
import { t } from '../i18n';
import { errorText } from '../request';
import { buildClientSummaryText, buildEventsCsv, buildSummaryJson } from '../report-export';
import { LiveStatus } from './LiveStatus';

export interface ReportActionsProps {
  report: CampaignReport;
  campaignName?: string;
  esp?: string;
  source: 'page' | 'import';
  events?: readonly EngagementEvent[];
  /** Filter or log-only: which numbers head the exports. */
  mode?: FilterMode;
  /** Fetches the events when the caller has none at hand (the popup asks the worker for the page's rows). */
  loadEvents?: () => Promise<readonly EngagementEvent[]>;
  userRangeLabels?: readonly string[];
  now?: () => number;
}

/** Export CSV / JSON and copy the email summary; each action reports its outcome in a live region. */
export function ReportActions({ report, campaignName, esp, source, events, mode = 'filter', loadEvents, userRangeLabels = [], now = Date.now }: ReportActionsProps) {
  const [status, setStatus] = useState('');
  const stem = `scanner-sieve-${fileSlug(campaignName)}`;
  const exportCsv = async () => {
    const fileName = `${stem}-events.csv`;
    // Every column the source had: the events come with the report (imports) or from the worker (pages).
    let rows = events;
    if (!rows && loadEvents) rows = await loadEvents().catch(() => undefined);
    downloadText(fileName, 'text/csv;charset=utf-8', buildEventsCsv(report.verdicts, rows, userRangeLabels));
    setStatus(t('ui_exported', { fileName }));
  };
  const exportJson = () => {
    const fileName = `${stem}-summary.json`;
    downloadText(fileName, 'application/json', buildSummaryJson(report.summary, { campaignName, esp, source, mode, generatedAt: now() }));
    setStatus(t('ui_exported', { fileName }));
  };
  const copy = async () => {
    try {
      await copyText(buildClientSummaryText(report, campaignName, mode));
      setStatus(t('ui_copied'));
    } catch (error) {
      setStatus(t('ui_copyFailed', { error: errorText(error) }));
    }
  };
  return (
    <div class="actions">
      <div class="button-row">
        <button type="button" onClick={() => void exportCsv()} data-testid="export-csv">
          {t('ui_exportCsv')}
        </button>
        <button type="button" onClick={exportJson} data-testid="export-json">
          {t('ui_exportJson')}
        </button>
        <button type="button" onClick={() => void copy()} data-testid="copy-summary">
          {t('ui_copySummary')}
        </button>
      </div>
      <LiveStatus message={status} testId="actions-status" />
    </div>
  );
}
