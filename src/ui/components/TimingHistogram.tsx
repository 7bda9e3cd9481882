import { useId, useMemo } from 'preact/hooks';
import type { Label } from '../../shared/types';
import { formatCount, formatDuration } from '../format';
import { t } from '../i18n';
import { labelText } from '../labels';
import { binTiming } from '../timing-bins';

// People at the bottom so the human part of each bar starts on the axis and reads at a glance.
const STACK_ORDER: Label[] = ['human', 'suspect', 'proxy', 'scanner'];

/** The start of a band, for the axis: `1-3` → "1 s", `lt-1` → "0", `before` → "<0". */
function bandStart(id: string): string {
  if (id === 'before') return '<0';
  if (id.startsWith('lt-')) return '0';
  const lower = Number(id.replace(/^gte-/, '').split('-')[0]);
  return formatDuration(lower).replace(' ', '');
}

const WIDTH = 360;
const HEIGHT = 150;
const PLOT_TOP = 8;
const PLOT_BOTTOM = 118;
const PLOT_LEFT = 30;
const PLOT_RIGHT = WIDTH - 4;

/** Stacked histogram of seconds after delivery (log-spaced bands), with the same numbers as a table. */
export function TimingHistogram({ timing, strict = false }: { timing: ReadonlyArray<readonly [number, Label]>; strict?: boolean }) {
  const bands = useMemo(() => binTiming(timing, t('ui_timingBeforeDelivery')), [timing]);
  const idStem = useId();
  const max = Math.max(0, ...bands.map((band) => band.total));
  if (max === 0) return <p class="muted">{t('ui_timingEmpty')}</p>;
  const slot = (PLOT_RIGHT - PLOT_LEFT) / bands.length;
  const barWidth = Math.max(2, slot - 3);
  const scale = (PLOT_BOTTOM - PLOT_TOP) / max;
  return (
    <figure class="histogram" data-testid="timing-histogram">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${idStem}-title ${idStem}-desc`}
        focusable="false"
      >
        <title id={`${idStem}-title`}>{t('ui_timingTitle')}</title>
        <desc id={`${idStem}-desc`}>
          {t('ui_timingDesc')}{' '}
          {bands
            .filter((band) => band.total > 0)
            .map((band) => `${band.text}: ${formatCount(band.total)}`)
            .join('; ')}
        </desc>
        <line class="axis" x1={PLOT_LEFT} y1={PLOT_BOTTOM} x2={PLOT_RIGHT} y2={PLOT_BOTTOM} />
        <text class="tick" x={PLOT_LEFT - 4} y={PLOT_TOP + 4} text-anchor="end">
          {formatCount(max)}
        </text>
        <text class="tick" x={PLOT_LEFT - 4} y={PLOT_BOTTOM} text-anchor="end">
          0
        </text>
        {bands.map((band, index) => {
          const x = PLOT_LEFT + index * slot + 1.5;
          let y = PLOT_BOTTOM;
          return (
            <g key={band.id} data-band={band.id}>
              {STACK_ORDER.map((label) => {
                const count = band.counts[label];
                if (count === 0) return null;
                const height = count * scale;
                y -= height;
                return (
                  <rect key={label} class={`bar bar-${label}`} x={x} y={y} width={barWidth} height={height}>
                    <title>{`${band.text}: ${formatCount(count)} ${labelText(label, strict)}`}</title>
                  </rect>
                );
              })}
              {index % 2 === 0 ? (
                // Every other band boundary, labelled with the time where the band starts.
                <text class="tick" x={x - 1.5} y={PLOT_BOTTOM + 12} text-anchor={index === 0 ? 'start' : 'middle'}>
                  {bandStart(band.id)}
                </text>
              ) : null}
            </g>
          );
        })}
        <text class="tick" x={(PLOT_LEFT + PLOT_RIGHT) / 2} y={HEIGHT - 4} text-anchor="middle">
          {t('ui_timingBand')}
        </text>
      </svg>
      <ul class="legend">
        {STACK_ORDER.map((label) => (
          <li key={label}>
            <span class={`swatch swatch-${label}`} aria-hidden="true" />
            {labelText(label, strict)}
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('ui_timingTitle')}</summary>
        <table class="compact">
          <thead>
            <tr>
              <th scope="col">{t('ui_timingBand')}</th>
              {STACK_ORDER.map((label) => (
                <th key={label} scope="col">
                  {labelText(label, strict)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {bands
              .filter((band) => band.total > 0)
              .map((band) => (
                <tr key={band.id}>
                  <th scope="row">{band.text}</th>
                  {STACK_ORDER.map((label) => (
                    <td key={label} class="num">
                      {formatCount(band.counts[label])}
                    </td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
