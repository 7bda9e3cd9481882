import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AuditRecord } from '../../shared/messages';
import { LABELS } from '../../shared/types';
import { LiveStatus } from '../../ui/components/LiveStatus';
import { RateTable } from '../../ui/components/RateTable';
import { formatCount, formatDateTime, formatRate } from '../../ui/format';
import { t } from '../../ui/i18n';
import { labelText } from '../../ui/labels';
import { sourceName } from '../../shared/vendors';
import { errorText, request } from '../../ui/request';
import { filterAudits, toggleComparePick } from '../audit-filter';
import { ClearHistory } from './ClearHistory';

export function HistorySection() {
  const [audits, setAudits] = useState<AuditRecord[]>([]);
  const [text, setText] = useState('');
  const [esp, setEsp] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [status, setStatus] = useState('');

  const reload = useCallback(async () => {
    try {
      setAudits(await request('list-audits', {}));
    } catch (error) {
      setStatus(errorText(error));
    }
  }, []);
  useEffect(() => void reload(), [reload]);

  const remove = async (id: string) => {
    try {
      await request('delete-audit', { id });
      setSelected((current) => current.filter((picked) => picked !== id));
      await reload();
    } catch (error) {
      setStatus(errorText(error));
    }
  };

  const esps = [...new Set(audits.map((audit) => audit.esp))].sort();
  const shown = filterAudits(audits, text, esp);
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
            {t('ui_auditCount', { count: formatCount(shown.length) })} · {t('ui_compareHint')}
          </p>
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
                  <th scope="col">
                    <span class="visually-hidden">{t('ui_delete')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((audit) => (
                  <tr key={audit.id} data-testid="audit-row" data-audit={audit.id}>
                    <td>
                      <input
                        type="checkbox"
                        checked={selected.includes(audit.id)}
                        onChange={() => setSelected((current) => toggleComparePick(current, audit.id))}
                        aria-label={`${t('ui_compare')} ${audit.campaignName}`}
                        data-testid="audit-compare"
                      />
                    </td>
                    <th scope="row">{audit.campaignName || t('ui_untitledCampaign')}</th>
                    <td>{sourceName(audit.esp)}</td>
                    <td>{formatDateTime(audit.createdAt)}</td>
                    <td class="num" data-testid="audit-open-rates">
                      {formatRate(audit.summary.raw.openRate)} → <strong>{formatRate(audit.summary.qualified.openRate)}</strong>
                    </td>
                    <td class="num" data-testid="audit-click-rates">
                      {formatRate(audit.summary.raw.clickRate)} → <strong>{formatRate(audit.summary.qualified.clickRate)}</strong>
                    </td>
                    <td>
                      <button
                        type="button"
                        onClick={() => void remove(audit.id)}
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
