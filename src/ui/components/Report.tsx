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
import type { ComponentChildren } from 'preact';
import { deliveredAtLeastEngaged, espTotalsText, headlineOf, learnedText, rateWithRange, topWarning } from '../headline';
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
  /** Labels of the user's own ranges, so a user range shows the name the user typed. */
  userRangeLabels?: readonly string[];
  /** Fetches the report's events for the CSV export when `events` is not given (the popup asks the worker). */
  loadEvents?: () => Promise<readonly EngagementEvent[]>;
  /** Replaces the campaign-name heading (the popup shows the page's campaign identity and state there). */
  header?: ComponentChildren;
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
  userRangeLabels,
  header,
  loadEvents,
}: ReportViewProps) {
  const { summary } = report;
  const vendors = mergeVendorCounts(summary.byVendor)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const reasons = topReasonCodes(summary.byReason, topReasons);
  const mailHosts = Object.entries(summary.byMailHost ?? {})
    .filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const unjudged = report.verdicts.filter((verdict) => verdict.unjudged).length;
  const warning = topWarning(summary, unjudged);
  const headline = headlineOf(summary, mode);
  const delivered = deliveredAtLeastEngaged(summary);
  const espTotals = espTotalsText(summary);
  const learned = learnedText(summary.learned);
  return (
    <article class="report" data-testid="report" data-mode={mode}>
      {/* First screen: which campaign, the one warning, the headline numbers, counts by label, the exports. */}
      <header class="report-head">
        {header ?? <h2 data-testid="campaign-name">{campaignName || t('ui_untitledCampaign')}</h2>}
        <p class="muted">
          {esp ? <span data-testid="report-esp">{sourceName(esp)} · </span> : null}
          {t('ui_delivered')}:{' '}
          <strong data-testid="delivered-count">{delivered === undefined ? t('ui_deliveredUnknown') : formatCount(delivered)}</strong>
        </p>
      </header>

      {warning ? (
        <p
          class="warning"
          role="alert"
          data-testid={summary.scannerUnsubscribes > 0 ? 'unsubscribe-warning' : 'unjudged-warning'}
        >
          {summary.scannerUnsubscribes > 0
            ? t('ui_unsubscribeWarning', { count: formatCount(summary.scannerUnsubscribes) })
            : warning}
        </p>
      ) : null}

      <section class="headline" aria-labelledby="headline-heading" data-testid="headline">
        <h3 id="headline-heading">{headline.title}</h3>
        <dl class="figures">
          {headline.figures.map((figure) => (
            <div key={figure.id} class={`figure figure-${figure.id}`}>
              <dt>{figure.name}</dt>
              <dd data-testid={`headline-${figure.id}`}>{figure.value}</dd>
            </div>
          ))}
        </dl>
        <p class="muted aside" data-testid="headline-aside">
          {headline.aside}
        </p>
      </section>

      <section aria-label={t('ui_byLabel')}>
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

      {espTotals ? (
        <p class="note" data-testid="esp-totals">
          {espTotals}
        </p>
      ) : null}

      {actions ? (
        <ReportActions
          report={report}
          campaignName={campaignName}
          esp={esp}
          source={source}
          events={events}
          mode={mode}
          {...(loadEvents ? { loadEvents } : {})}
          {...(userRangeLabels ? { userRangeLabels } : {})}
        />
      ) : null}

      {/* The rest folds. */}
      <details class="fold" data-testid="fold-rates">
        <summary>{t('ui_foldRates')}</summary>
        {mode === 'log-only' ? <p class="note">{t('ui_logOnlyNote')}</p> : null}
        <RateTable raw={summary.raw} qualified={summary.qualified} />
        {summary.qualifiedRanges?.openRate ? (
          <p class="muted" data-testid="qualified-range">
            {t('ui_qualifiedRange', {
              rate: rateWithRange(summary.qualified.openRate, summary.qualifiedRanges.openRate),
              level: Math.round(summary.qualifiedRanges.level * 100),
            })}
          </p>
        ) : null}
        {learned ? (
          <p class="muted" data-testid="learned">
            {learned}
          </p>
        ) : null}
      </details>

      <details class="fold">
        <summary>{t('ui_byVendor')}</summary>
        {vendors.length === 0 ? (
          <p class="muted">{t('ui_noVendors')}</p>
        ) : (
          <table class="compact">
            <tbody>
              {vendors.map(([vendor, count]) => (
                <tr key={vendor}>
                  <th scope="row">{vendorText(vendor, userRangeLabels)}</th>
                  <td class="num" data-testid={`vendor-${vendor}`}>
                    {formatCount(count)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>

      {mailHosts.length > 0 ? (
        <details class="fold">
          <summary>{t('ui_byMailHost')}</summary>
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
        </details>
      ) : null}

      {reasons.length > 0 ? (
        <details class="fold">
          <summary>{t('ui_topReasons')}</summary>
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
        </details>
      ) : null}

      <details class="fold">
        <summary>{t('ui_timingTitle')}</summary>
        <TimingHistogram timing={summary.timing} strict={strict} />
      </details>

      <details class="fold">
        <summary>{t('ui_links')}</summary>
        <LinkTable summary={summary} />
      </details>

      {summary.notes.length > 0 ? (
        <details class="fold">
          <summary>{t('ui_notes')}</summary>
          <ul class="notes">
            {summary.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}
