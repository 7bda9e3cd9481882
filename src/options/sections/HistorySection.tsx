import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AuditRecord, ClientHistory, ClientPoint } from '../../shared/messages';
import { downloadText, fileSlug } from '../../ui/download';
import { buildClientHistoryCsv } from '../../ui/report-export';
import { LABELS } from '../../shared/types';
import { LiveStatus } from '../../ui/components/LiveStatus';
import { RateTable } from '../../ui/components/RateTable';
import { formatCount, formatDateTime, formatRate } from '../../ui/format';
import { t } from '../../ui/i18n';
import { useBroadcast } from '../../ui/use-broadcast';
import { labelText } from '../../ui/labels';
import { sourceName } from '../../shared/vendors';
import { errorText, request } from '../../ui/request';
import { filterAudits, toggleComparePick } from '../audit-filter';
import { ClearHistory } from './ClearHistory';

export function HistorySection() {
  const [clients, setClients] = useState<ClientHistory[]>([]);
  const [text, setText] = useState('');
  const [esp, setEsp] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [status, setStatus] = useState('');

  const reload = useCallback(async () => {
    try {
      setClients(await request('list-client-history', {}));
    } catch (error) {
      setStatus(errorText(error));
    }
  }, []);
  useEffect(() => void reload(), [reload]);
  // Stored reports re-classified (new settings or range data) or pruned while this page is open: show them now.
  useBroadcast(['reports-changed'], reload);

  const act = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      await reload();
      if (done) setStatus(done);
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  const remove = (id: string) =>
    act(async () => {
      await request('delete-audit', { id });
      setSelected((current) => current.filter((picked) => picked !== id));
    });

  const pin = (id: string, pinned: boolean) => act(() => request('pin-audit', { id, pinned }));

  const audits = clients.flatMap((client) => client.audits.map((entry) => entry.audit));
  const esps = [...new Set(audits.map((audit) => audit.esp))].sort();
  const shownClients = filterClients(clients, text, esp);
  const shownCount = shownClients.reduce((sum, client) => sum + client.audits.length, 0);
  const compared = selected.map((id) => audits.find((audit) => audit.id === id)).filter((audit): audit is AuditRecord => !!audit);

  return (
    <div>
      <div class="field-inline">
        <label for="history-filter">{t('ui_historyFilter')}</label>
        <input
          id="history-filter"
          type="search"
          value={text}
          onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
          data-testid="history-filter"
        />
        <label for="history-esp">{t('ui_historyEsp')}</label>
        <select
          id="history-esp"
          value={esp}
          onChange={(event) => setEsp((event.currentTarget as HTMLSelectElement).value)}
          data-testid="history-esp"
        >
          <option value="">{t('ui_allEsps')}</option>
          {esps.map((name) => (
            <option key={name} value={name}>
              {sourceName(name)}
            </option>
          ))}
        </select>
      </div>
      {audits.length === 0 ? (
        <p class="muted" data-testid="history-empty">
          {t('ui_noAudits')}
        </p>
      ) : (
        <>
          <p class="muted">
            {t('ui_auditCount', { count: formatCount(shownCount) })} · {t('ui_clientCount', { count: formatCount(shownClients.length) })} ·{' '}
            {t('ui_compareHint')}
          </p>
          {shownClients.map((client) => (
            <ClientGroup
              key={client.key}
              client={client}
              others={clients.filter((other) => other.key !== client.key)}
              selected={selected}
              onPick={(id) => setSelected((current) => toggleComparePick(current, id))}
              onDelete={(id) => void remove(id)}
              onPin={(id, pinned) => void pin(id, pinned)}
              onRename={(name) => void act(() => request('rename-client', { key: client.key, name }), t('ui_clientRenamed', { name }))}
              onMerge={(into) => void act(() => request('merge-clients', { from: client.key, into }), t('ui_clientMerged'))}
              onSplit={(key) => void act(() => request('split-client', { key }), t('ui_clientSplit'))}
              onExport={() => {
                const fileName = `scanner-sieve-client-${fileSlug(client.name)}.csv`;
                downloadText(fileName, 'text/csv;charset=utf-8', buildClientHistoryCsv(client));
                setStatus(t('ui_exported', { fileName }));
              }}
            />
          ))}
        </>
      )}
      {compared.length === 2 ? (
        <section aria-labelledby="compare-heading" data-testid="compare">
          <h3 id="compare-heading">{t('ui_compareTitle')}</h3>
          <div class="compare">
            {compared.map((audit) => (
              <div key={audit.id} data-testid="compare-column">
                <h4>{audit.campaignName || t('ui_untitledCampaign')}</h4>
                <p class="muted">
                  {sourceName(audit.esp)} · {formatDateTime(audit.createdAt)} · {t('ui_delivered')}:{' '}
                  {audit.summary.delivered === undefined ? t('ui_deliveredUnknown') : formatCount(audit.summary.delivered)}
                </p>
                <RateTable raw={audit.summary.raw} qualified={audit.summary.qualified} />
                <table class="compact">
                  <tbody>
                    {LABELS.map((label) => (
                      <tr key={label}>
                        <th scope="row">{labelText(label)}</th>
                        <td class="num">{formatCount(audit.summary.byLabel[label] ?? 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
          </div>
        </section>
      ) : null}
      <div class="button-row">
        <ClearHistory onCleared={() => void reload()} onStatus={setStatus} />
      </div>
      <LiveStatus message={status} testId="history-status" />
    </div>
  );
}

/** Clients whose name, campaigns or ESP match the search, with only the matching audits (all when the client's name matches). */
export function filterClients(clients: readonly ClientHistory[], text: string, esp: string): ClientHistory[] {
  const needle = text.trim().toLowerCase();
  return clients.flatMap((client) => {
    const byEsp = client.audits.filter((entry) => esp === '' || entry.audit.esp === esp);
    const nameMatches = needle === '' || client.name.toLowerCase().includes(needle);
    const audits = nameMatches
      ? byEsp
      : byEsp.filter((entry) => filterAudits([entry.audit], needle, '').length > 0 || sourceName(entry.audit.esp).toLowerCase().includes(needle));
    return audits.length > 0 ? [{ ...client, audits }] : [];
  });
}

/** People open rate over the campaign's readings, oldest first: "45.0% → 22.1% · 44.0% → 21.0%". */
function pointsText(points: readonly ClientPoint[]): string {
  return points.map((point) => `${formatDateTime(point.at)}: ${formatRate(point.rawOpenRate)} → ${formatRate(point.peopleOpenRate)}`).join('\n');
}

/** A tiny line of the people open rate (solid) and the reported one (dotted) over the readings. */
function RateSparkline({ points }: { points: readonly ClientPoint[] }) {
  const width = 90;
  const height = 22;
  const rated = points.filter((point) => point.rawOpenRate !== undefined || point.peopleOpenRate !== undefined);
  if (rated.length < 2) return null;
  const x = (index: number) => (index / (rated.length - 1)) * (width - 2) + 1;
  const y = (rate: number | undefined) => height - 1 - (rate ?? 0) * (height - 2);
  const line = (pick: (point: ClientPoint) => number | undefined) => rated.map((point, index) => `${x(index).toFixed(1)},${y(pick(point)).toFixed(1)}`).join(' ');
  return (
    <svg width={width} height={height} role="img" aria-label={t('ui_clientTrendDesc')} data-testid="audit-trend">
      <polyline points={line((point) => point.rawOpenRate)} fill="none" stroke="currentColor" stroke-dasharray="2 2" opacity="0.6" />
      <polyline points={line((point) => point.peopleOpenRate)} fill="none" class="trend-people" stroke="currentColor" stroke-width="2" />
    </svg>
  );
}

interface ClientGroupProps {
  client: ClientHistory;
  others: readonly ClientHistory[];
  selected: readonly string[];
  onPick(id: string): void;
  onDelete(id: string): void;
  /** Pinned reports are never removed to keep the history under its cap. */
  onPin(id: string, pinned: boolean): void;
  onRename(name: string): void;
  onMerge(into: string): void;
  onSplit(key: string): void;
  onExport(): void;
}

function ClientGroup({ client, others, selected, onPick, onDelete, onPin, onRename, onMerge, onSplit, onExport }: ClientGroupProps) {
  const [name, setName] = useState(client.name);
  const [mergeInto, setMergeInto] = useState('');
  const headingId = `client-${client.key.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <section class="client" aria-labelledby={headingId} data-testid="client" data-client={client.key}>
      <h3 id={headingId} data-testid="client-name">
        {client.name}
      </h3>
      <div class="field-inline client-actions">
        <label>
          {t('ui_clientRename')}{' '}
          <input value={name} onInput={(event) => setName((event.currentTarget as HTMLInputElement).value)} data-testid="client-rename-input" />
        </label>
        <button type="button" onClick={() => onRename(name)} data-testid="client-rename">
          {t('ui_save')}
        </button>
        {others.length > 0 ? (
          <>
            <label>
              {t('ui_clientMergeInto')}{' '}
              <select value={mergeInto} onChange={(event) => setMergeInto((event.currentTarget as HTMLSelectElement).value)} data-testid="client-merge-select">
                <option value="">—</option>
                {others.map((other) => (
                  <option key={other.key} value={other.key}>
                    {other.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={mergeInto === ''} onClick={() => onMerge(mergeInto)} data-testid="client-merge">
              {t('ui_clientMerge')}
            </button>
          </>
        ) : null}
        <button type="button" onClick={onExport} data-testid="client-export">
          {t('ui_clientExport')}
        </button>
      </div>
      {client.mergedKeys.length > 0 ? (
        <p class="muted">
          {t('ui_clientMergedFrom')}{' '}
          {client.mergedKeys.map((key) => (
            <button key={key} type="button" class="link" onClick={() => onSplit(key)} data-testid="client-split">
              {t('ui_clientSplitOne', { key: key.replace(/^[a-z]+:/, '') })}
            </button>
          ))}
        </p>
      ) : null}
      <div class="scroll-wide">
        <table data-testid="history-table">
          <thead>
            <tr>
              <th scope="col">{t('ui_compare')}</th>
              <th scope="col">{t('ui_campaign')}</th>
              <th scope="col">{t('ui_historyEsp')}</th>
              <th scope="col">{t('ui_date')}</th>
              <th scope="col" class="num">
                {t('ui_openRate')}
              </th>
              <th scope="col" class="num">
                {t('ui_clickRate')}
              </th>
              <th scope="col" title={t('ui_clientTrendDesc')}>
                {t('ui_clientTrend')}
              </th>
              <th scope="col">
                <span class="visually-hidden">{t('ui_delete')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {client.audits.map(({ audit, points }) => (
              <tr key={audit.id} data-testid="audit-row" data-audit={audit.id}>
                <td>
                  <input
                    type="checkbox"
                    checked={selected.includes(audit.id)}
                    onChange={() => onPick(audit.id)}
                    aria-label={`${t('ui_compare')} ${audit.campaignName}`}
                    data-testid="audit-compare"
                  />
                </td>
                <th scope="row">
                  {audit.campaignName || t('ui_untitledCampaign')}
                  {audit.settingsOutdated ? (
                    <span class="muted" data-testid="audit-settings-outdated">
                      {' '}
                      {t('ui_auditSettingsOutdated')}
                    </span>
                  ) : null}
                </th>
                <td>{sourceName(audit.esp)}</td>
                <td>{formatDateTime(audit.createdAt)}</td>
                <td class="num" data-testid="audit-open-rates">
                  {formatRate(audit.summary.raw.openRate)} → <strong>{formatRate(audit.summary.qualified.openRate)}</strong>
                </td>
                <td class="num" data-testid="audit-click-rates">
                  {formatRate(audit.summary.raw.clickRate)} → <strong>{formatRate(audit.summary.qualified.clickRate)}</strong>
                </td>
                <td title={pointsText(points)} data-testid="audit-points">
                  <RateSparkline points={points} /> <span class="muted">{t('ui_clientReadings', { count: formatCount(points.length) })}</span>
                </td>
                <td>
                  <label class="field-inline" title={t('ui_pinHint')}>
                    <input
                      type="checkbox"
                      checked={audit.pinned === true}
                      onChange={(event) => onPin(audit.id, (event.currentTarget as HTMLInputElement).checked)}
                      data-testid="audit-pin"
                    />
                    {t('ui_pin')}
                  </label>{' '}
                  <button
                    type="button"
                    onClick={() => onDelete(audit.id)}
                    aria-label={`${t('ui_delete')} ${audit.campaignName}`}
                    data-testid="audit-delete"
                  >
                    {t('ui_delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
