// Recall and false-positive rate per generator behaviour tag (`paced-burst`, `fast-responder`, …): which kind
// of hard case the classifier misses or which people it wrongly takes for machines.
import type { Label } from '../../src/shared/types';
import type { GeneratedCampaign } from '../generator/campaign';

export interface TagFigures {
  tag: string;
  /** Machine events (scanner/proxy truth) with the tag, and how many were labelled machine. */
  machines: number;
  caught: number;
  /** Human events with the tag, and how many were labelled machine. */
  people: number;
  wronged: number;
}

const isMachine = (label: Label) => label === 'scanner' || label === 'proxy';

export function figuresByTag(campaigns: ReadonlyArray<{ generated: GeneratedCampaign; labels: readonly Label[] }>): TagFigures[] {
  const byTag = new Map<string, TagFigures>();
  const row = (tag: string): TagFigures => {
    let figures = byTag.get(tag);
    if (figures === undefined) byTag.set(tag, (figures = { tag, machines: 0, caught: 0, people: 0, wronged: 0 }));
    return figures;
  };
  for (const { generated, labels } of campaigns) {
    generated.campaign.events.forEach((event, i) => {
      const truth = generated.truth[i]!;
      const label = labels[i] ?? 'human';
      const base = `${truth === 'human' ? 'person' : truth} ${event.type}`;
      for (const tag of [base, ...generated.tags[i]!.map((t) => `${t} ${event.type}`)]) {
        const figures = row(tag);
        if (truth === 'human') {
          figures.people++;
          if (isMachine(label)) figures.wronged++;
        } else {
          figures.machines++;
          if (isMachine(label)) figures.caught++;
        }
      }
    });
  }
  return [...byTag.values()].sort((a, b) => (a.tag < b.tag ? -1 : 1));
}

export function formatTagFigures(rows: readonly TagFigures[]): string {
  return rows
    .map((r) => {
      const recall = r.machines > 0 ? `recall ${((100 * r.caught) / r.machines).toFixed(1).padStart(5)} % of ${r.machines}` : '';
      const fpr = r.people > 0 ? `FPR ${((100 * r.wronged) / r.people).toFixed(2).padStart(5)} % of ${r.people}` : '';
      return `  ${r.tag.padEnd(28)} ${recall.padEnd(26)} ${fpr}`;
    })
    .join('\n');
}
