import type { RateSet } from '../../shared/types';
import { formatPoints, formatRate, rateDifferencePoints } from '../format';
import { clickToOpenText, NO_VALUE } from '../headline';
import { t, type MessageKey } from '../i18n';

interface RateRow {
  /** data-testid stem: raw-<id>, qualified-<id>, diff-<id>. */
  id: 'open-rate' | 'click-rate' | 'click-to-open-rate';
  name: MessageKey;
  pick: (rates: RateSet) => number | undefined;
}

const ROWS: RateRow[] = [
  { id: 'open-rate', name: 'ui_openRate', pick: (rates) => rates.openRate },
  { id: 'click-rate', name: 'ui_clickRate', pick: (rates) => rates.clickRate },
  { id: 'click-to-open-rate', name: 'ui_clickToOpenRate', pick: (rates) => rates.clickToOpenRate },
];

/** Raw vs qualified rates side by side, with the difference in percentage points. */
export function RateTable({ raw, qualified }: { raw: RateSet; qualified: RateSet }) {
  // "—" where the source cannot give a rate (no click data, nothing says how many were delivered).
  const missing = NO_VALUE;
  return (
    <table class="rates">
      <thead>
        <tr>
          <td />
          <th scope="col">{t('ui_rawHeading')}</th>
          <th scope="col">{t('ui_qualifiedHeading')}</th>
          <th scope="col">{t('ui_differenceHeading')}</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => {
          const rawValue = row.pick(raw);
          const qualifiedValue = row.pick(qualified);
          const points = rateDifferencePoints(rawValue, qualifiedValue);
          return (
            <tr key={row.id}>
              <th scope="row">{t(row.name)}</th>
              <td class="num" data-testid={`raw-${row.id}`}>
                {row.id === 'click-to-open-rate' ? clickToOpenText(raw) : formatRate(rawValue, missing)}
              </td>
              <td class="num strong" data-testid={`qualified-${row.id}`}>
                {row.id === 'click-to-open-rate' ? clickToOpenText(qualified) : formatRate(qualifiedValue, missing)}
              </td>
              <td class={`num diff${points !== undefined && points < 0 ? ' down' : ''}`} data-testid={`diff-${row.id}`}>
                {points === undefined ? missing : t('ui_points', { value: formatPoints(points) })}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
