// Scoring a labelling against the generator's truth: the figures the acceptance criteria name.
import type { Label } from '../../src/shared/types';
import type { GeneratedCampaign } from '../generator/campaign';

export interface Figures {
  scannerClickF1: number;
  machineOpenF1: number;
  /** Share of fast human responders' events labelled scanner. */
  fastHumanAsScanner: number;
  fastHumanEvents: number;
  /** Qualified unique rates (percentage points) and their truth. */
  clickRate: number;
  openRate: number;
  trueClickRate: number;
  trueOpenRate: number;
}

function f1(tp: number, fp: number, fn: number): number {
  return tp === 0 ? (fp === 0 && fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn);
}

export function evaluate(generated: GeneratedCampaign, labels: Label[], strict = false): Figures {
  const { campaign, truth, fastHuman, delivered } = generated;
  let clickTp = 0, clickFp = 0, clickFn = 0, openTp = 0, openFp = 0, openFn = 0, fastTotal = 0, fastScanner = 0;
  const openers = new Set<string>();
  const clickers = new Set<string>();
  campaign.events.forEach((event, i) => {
    const label = labels[i] ?? 'human';
    const actual = truth[i]!;
    if (event.type === 'click') {
      const predicted = label === 'scanner';
      const real = actual === 'scanner';
      if (predicted && real) clickTp++;
      else if (predicted) clickFp++;
      else if (real) clickFn++;
    } else {
      const predicted = label === 'scanner' || label === 'proxy';
      const real = actual !== 'human';
      if (predicted && real) openTp++;
      else if (predicted) openFp++;
      else if (real) openFn++;
    }
    if (fastHuman[i]) {
      fastTotal++;
      if (label === 'scanner') fastScanner++;
    }
    const qualified = label === 'human' || (!strict && label === 'suspect');
    if (qualified && event.recipient !== undefined) (event.type === 'open' ? openers : clickers).add(event.recipient);
  });
  return {
    scannerClickF1: f1(clickTp, clickFp, clickFn),
    machineOpenF1: f1(openTp, openFp, openFn),
    fastHumanAsScanner: fastTotal === 0 ? 0 : fastScanner / fastTotal,
    fastHumanEvents: fastTotal,
    clickRate: (100 * clickers.size) / delivered,
    openRate: (100 * openers.size) / delivered,
    trueClickRate: (100 * generated.humanClickers.size) / delivered,
    trueOpenRate: (100 * generated.humanOpeners.size) / delivered,
  };
}
