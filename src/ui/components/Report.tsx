// The report a person reads: used by the popup (the page's report) and the options page (an imported file), so
// both show the same numbers the same way. Every figure has a stable data-testid for the e2e suite.
import type { FilterMode } from '../../shared/settings';
import type { CampaignReport, EngagementEvent } from '../../shared/types';
import { LABELS } from '../../shared/types';
import { describeReason } from '../../classifier/reasons';
import { formatCount } from '../format';
import { t } from '../i18n';
import { labelText, vendorText } from '../labels';
import { mergeVendorCounts, sourceName } from '../../shared/vendors';
import { LinkTable } from './LinkTable';
import { RateTable } from './RateTable';
import { ReportActions } from './ReportActions';
import { TimingHistogram } from './TimingHistogram';

export interface ReportViewProps {
  report: CampaignReport;
  campaignName?: string;
  esp?: string;
  source: 'page' | 'import';
  strict?: boolean;
  mode?: FilterMode;
  /** The campaign's events, when known, add time/IP/UA/URL columns to the CSV export. */
  events?: readonly EngagementEvent[];
  /** How many reasons to list. */
  topReasons?: number;
  /** Render the export/copy buttons (the history comparison view leaves them out). */
  actions?: boolean;
}

/** Reason codes by count, most frequent first; ties in code order so the list is stable between renders. */
export function topReasonCodes(byReason: Record<string, number>, limit: number): Array<[string, number]> {
  return Object.entries(byReason)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit);
}

export function ReportView({
  report,
  campaignName,
  esp,
  source,
  strict = false,
  mode = 'filter',
  events,
  topReasons = 5,
  actions = true,
}: ReportViewProps) {
  const { summary } = report;
  const vendors = mergeVendorCounts(summary.byVendor)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const reasons = topReasonCodes(summary.byReason, topReasons);
  const mailHosts = Object.entries(summary.byMailHost ?? {})
    .filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <article class="report" data-testid="report">
      <header class="report-head">
        <h2 data-testid="campaign-name">{campaignName || t('ui_untitledCampaign')}</h2>
        <p class="muted">
          {esp ? <span data-testid="report-esp">{sourceName(esp)} · </span> : null}
          {t('ui_delivered')}:{' '}
          <strong data-testid="delivered-count">
            {summary.delivered === undefined ? t('ui_deliveredUnknown') : formatCount(summary.delivered)}
          </strong>
        </p>
      </header>

      {summary.scannerUnsubscribes > 0 ? (
        <p class="warning" role="alert" data-testid="unsubscribe-warning">
          {t('ui_unsubscribeWarning', { count: formatCount(summary.scannerUnsubscribes) })}
        </p>
      ) : null}

      {mode === 'log-only' ? <p class="note">{t('ui_logOnlyNote')}</p> : null}

      <RateTable raw={summary.raw} qualified={summary.qualified} />

      <section aria-labelledby="by-label-heading">
        <h3 id="by-label-heading">{t('ui_byLabel')}</h3>
        <ul class="label-counts">
          {LABELS.map((label) => (
            <li key={label} class={`chip chip-${label}`}>
              <span class="chip-label">{labelText(label, strict)}</span>
              <span class="chip-count" data-testid={`count-${label}`}>
                {formatCount(summary.byLabel[label] ?? 0)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="by-vendor-heading">
        <h3 id="by-vendor-heading">{t('ui_byVendor')}</h3>
        {vendors.length === 0 ? (
          <p class="muted">{t('ui_noVendors')}</p>
        ) : (
          <table class="compact">
            <tbody>
              {vendors.map(([vendor, count]) => (
                <tr key={vendor}>
                  <th scope="row">{vendorText(vendor)}</th>
                  <td class="num" data-testid={`vendor-${vendor}`}>
                    {formatCount(count)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {mailHosts.length > 0 ? (
        <section aria-labelledby="by-mail-host-heading">
          <h3 id="by-mail-host-heading">{t('ui_byMailHost')}</h3>
          <table class="compact">
            <tbody>
              {mailHosts.map(([host, count]) => (
                <tr key={host}>
                  <th scope="row">{host === 'other' ? t('ui_mailHostOther') : vendorText(host)}</th>
                  <td class="num" data-testid={`mailhost-${host}`}>
                    {formatCount(count)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {reasons.length > 0 ? (
        <section aria-labelledby="reasons-heading">
          <h3 id="reasons-heading">{t('ui_topReasons')}</h3>
          <ol class="reasons">
            {reasons.map(([code, count]) => (
              <li key={code} data-testid={`reason-${code}`} data-reason={code}>
                <span>{describeReason(code)}</span>{' '}
                <span class="muted" data-testid="reason-count">
                  {t('ui_reasonCount', { count: formatCount(count) })}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="timing-heading">
        <h3 id="timing-heading">{t('ui_timingTitle')}</h3>
        <TimingHistogram timing={summary.timing} strict={strict} />
      </section>

      <section aria-labelledby="links-heading">
        <h3 id="links-heading">{t('ui_links')}</h3>
        <LinkTable summary={summary} />
      </section>

      {summary.notes.length > 0 ? (
        <section aria-labelledby="notes-heading">
          <h3 id="notes-heading">{t('ui_notes')}</h3>
          <ul class="notes">
            {summary.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {actions ? (
        <ReportActions report={report} campaignName={campaignName} esp={esp} source={source} events={events} />
      ) : null}
    </article>
  );
}
