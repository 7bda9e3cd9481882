import { useState } from 'preact/hooks';
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
  now?: () => number;
}

/** Export CSV / JSON and copy the email summary; each action reports its outcome in a live region. */
export function ReportActions({ report, campaignName, esp, source, events, now = Date.now }: ReportActionsProps) {
  const [status, setStatus] = useState('');
  const stem = `scanner-sieve-${fileSlug(campaignName)}`;
  const exportCsv = () => {
    const fileName = `${stem}-events.csv`;
    downloadText(fileName, 'text/csv;charset=utf-8', buildEventsCsv(report.verdicts, events));
    setStatus(t('ui_exported', { fileName }));
  };
  const exportJson = () => {
    const fileName = `${stem}-summary.json`;
    downloadText(fileName, 'application/json', buildSummaryJson(report.summary, { campaignName, esp, source, generatedAt: now() }));
    setStatus(t('ui_exported', { fileName }));
  };
  const copy = async () => {
    try {
      await copyText(buildClientSummaryText(report, campaignName));
      setStatus(t('ui_copied'));
    } catch (error) {
      setStatus(t('ui_copyFailed', { error: errorText(error) }));
    }
  };
  return (
    <div class="actions">
      <div class="button-row">
        <button type="button" onClick={exportCsv} data-testid="export-csv">
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
