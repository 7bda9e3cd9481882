import { useCallback, useEffect, useState } from 'preact/hooks';
import { formatCidr, parseCidr } from '../../ranges/ip';
import type { DatasetInfo, UserRange } from '../../shared/messages';
import type { RangeKind } from '../../shared/types';
import { ErrorText } from '../../ui/components/ErrorText';
import { LiveStatus } from '../../ui/components/LiveStatus';
import { formatCount, formatDateTime } from '../../ui/format';
import { t, type MessageKey } from '../../ui/i18n';
import { errorText, request } from '../../ui/request';
import { vendorName } from '../../shared/vendors';
import { downloadOfficialLists } from '../download-official-lists';

const KINDS: Array<[RangeKind, MessageKey]> = [
  ['scanner', 'ui_kind_scanner'],
  ['mail-proxy', 'ui_kind_mailProxy'],
  ['web-gateway', 'ui_kind_webGateway'],
  ['cloud', 'ui_kind_cloud'],
];

/** Checks a user range before it is sent: parseable, and no host bits (a typo for the network, most likely). */
export function userRangeProblem(cidr: string, label: string): string | undefined {
  const parsed = parseCidr(cidr);
  if (!parsed) return t('ui_invalidCidr', { value: cidr.trim() });
  if (parsed.hostBitsSet) return t('ui_cidrHostBits', { value: cidr.trim(), network: formatCidr(parsed) });
  if (label.trim() === '') return t('ui_labelRequired');
  return undefined;
}

export function RangesSection() {
  const [info, setInfo] = useState<DatasetInfo | undefined>(undefined);
  const [ranges, setRanges] = useState<UserRange[]>([]);
  const [status, setStatus] = useState('');
  const [refreshing, setRefreshing] = useState(false);
  const [cidr, setCidr] = useState('');
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<RangeKind>('scanner');
  const [formError, setFormError] = useState('');

  const reload = useCallback(async () => {
    try {
      const [nextInfo, nextRanges] = await Promise.all([request('dataset-info', {}), request('list-user-ranges', {})]);
      setInfo(nextInfo);
      setRanges(nextRanges);
    } catch (error) {
      setStatus(errorText(error));
    }
  }, []);
  useEffect(() => void reload(), [reload]);

  const refresh = async () => {
    setRefreshing(true);
    setStatus(t('ui_refreshing'));
    try {
      const outcome = await downloadOfficialLists();
      if (outcome.ok) setInfo(outcome.info);
      setStatus(outcome.message);
    } finally {
      setRefreshing(false);
    }
  };
  const useBundled = async () => {
    try {
      const next = await request('use-bundled-ranges', {});
      setInfo(next);
      setStatus(t('ui_usedBundled', { count: formatCount(next.prefixCount) }));
    } catch (error) {
      setStatus(errorText(error));
    }
  };

  const add = async (event: Event) => {
    event.preventDefault();
    const problem = userRangeProblem(cidr, label);
    setFormError(problem ?? '');
    if (problem) return;
    try {
      await request('add-user-range', { cidr: cidr.trim(), label: label.trim(), kind });
      setCidr('');
      setLabel('');
      await reload();
    } catch (error) {
      setFormError(errorText(error));
    }
  };
  const remove = async (id: number) => {
    try {
      await request('remove-user-range', { id });
      await reload();
    } catch (error) {
      setStatus(errorText(error));
    }
  };

  return (
    <div>
      {info ? (
        <table class="compact" data-testid="dataset-info">
          <tbody>
            <tr>
              <th scope="row">{t('ui_datasetVersion')}</th>
              <td data-testid="dataset-version">{info.version}</td>
            </tr>
            <tr>
              <th scope="row">{t('ui_datasetInUse')}</th>
              <td data-testid="dataset-in-use">
                {t(info.source === 'refreshed' ? 'ui_datasetInUseRefreshed' : 'ui_datasetInUseBundled', { date: info.sourcesDate ?? '?' })}
              </td>
            </tr>
            {info.fetchedAt ? (
              <tr>
                <th scope="row">{t('ui_datasetFetched')}</th>
                <td>{formatDateTime(info.fetchedAt)}</td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">{t('ui_datasetPrefixes')}</th>
              <td class="num" data-testid="dataset-prefixes">
                {formatCount(info.prefixCount)}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('ui_datasetUserRanges')}</th>
              <td class="num">{formatCount(info.userRangeCount)}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
      {info?.lists ? (
        <table class="compact" data-testid="dataset-lists">
          <caption>{t('ui_datasetLists')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui_datasetList')}</th>
              <th scope="col">{t('ui_datasetListFrom')}</th>
              <th scope="col">{t('ui_datasetListDate')}</th>
              <th scope="col" class="num">
                {t('ui_datasetPrefixes')}
              </th>
            </tr>
          </thead>
          <tbody>
            {info.lists.map((list) => (
              <tr key={list.source} data-testid="dataset-list">
                <th scope="row">{vendorName(list.vendor)}</th>
                <td>
                  <code>{list.source}</code>
                </td>
                <td>{list.date}</td>
                <td class="num">{formatCount(list.prefixCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {info?.replaced ? (
        <p class="muted" data-testid="dataset-replaced">
          {t('ui_datasetReplaced', { date: info.replaced.sourcesDate, count: formatCount(info.replaced.prefixCount) })}
        </p>
      ) : null}
      <div class="button-row">
        <button type="button" onClick={() => void refresh()} disabled={refreshing} data-testid="refresh-ranges">
          {refreshing ? t('ui_refreshing') : t('ui_refreshRanges')}
        </button>
        {info?.source === 'refreshed' ? (
          <button type="button" onClick={() => void useBundled()} data-testid="use-bundled-ranges">
            {t('ui_useBundled')}
          </button>
        ) : null}
      </div>
      <LiveStatus message={status} testId="ranges-status" />

      <h3>{t('ui_userRanges')}</h3>
      {ranges.length === 0 ? (
        <p class="muted">{t('ui_noUserRanges')}</p>
      ) : (
        <table class="compact" data-testid="user-ranges">
          <tbody>
            {ranges.map((range) => (
              <tr key={range.id}>
                <td>
                  <code>{range.cidr}</code>
                </td>
                <td>{range.label}</td>
                <td>{t(KINDS.find(([value]) => value === range.kind)?.[1] ?? 'ui_kind_scanner')}</td>
                <td>
                  <button type="button" onClick={() => void remove(range.id)} aria-label={`${t('ui_remove')} ${range.cidr}`}>
                    {t('ui_remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={(event) => void add(event)} data-testid="add-range-form" noValidate>
        <div class="field">
          <label for="range-cidr">{t('ui_cidr')}</label>
          <input
            id="range-cidr"
            value={cidr}
            onInput={(event) => setCidr((event.currentTarget as HTMLInputElement).value)}
            aria-invalid={formError ? 'true' : undefined}
            aria-describedby="range-error"
            data-testid="range-cidr"
          />
        </div>
        <div class="field">
          <label for="range-label">{t('ui_rangeLabel')}</label>
          <input
            id="range-label"
            value={label}
            onInput={(event) => setLabel((event.currentTarget as HTMLInputElement).value)}
            data-testid="range-label"
          />
        </div>
        <div class="field">
          <label for="range-kind">{t('ui_rangeKind')}</label>
          <select
            id="range-kind"
            value={kind}
            onChange={(event) => setKind((event.currentTarget as HTMLSelectElement).value as RangeKind)}
            data-testid="range-kind"
          >
            {KINDS.map(([value, name]) => (
              <option key={value} value={value}>
                {t(name)}
              </option>
            ))}
          </select>
        </div>
        <ErrorText id="range-error" message={formError} testId="range-error" />
        <button type="submit" data-testid="add-range">
          {t('ui_addRange')}
        </button>
      </form>
    </div>
  );
}
