// A later event of a recipient whose first burst was a scanner, from an ordinary up-to-date browser on another
// network and outside the burst: the person arrived after the machine. That event is human even though the
// recipient's earlier activity was not (and even though it may still look "early" to the timing signal).
import { addEvidence, agentClassOf, agentTextOf, hasEvidence, type ClassifierContext, type Evidence } from '../context';
import type { Label } from '../../shared/types';
import { hasTimeWithin } from '../sorted-times';
import { declareSignal } from '../signal';

export const LATER_HUMAN_REPEAT_SIGNAL = declareSignal({
  id: 'later-human-repeat',
  stage: 'relational',
  reasons: {
    "later-human-repeat": "A later visit from an ordinary browser on another network, after the scanner burst: the person.",
  },
  evidence: {
    PERSON_CAME_BACK: { code: 'later-human-repeat', weight: -3, kind: 'neutral', weak: false },
  },
});
const PERSON_CAME_BACK = LATER_HUMAN_REPEAT_SIGNAL.evidence.PERSON_CAME_BACK;

export function laterHumanRepeatSignal(ctx: ClassifierContext, stage1: readonly Label[]): void {
  const burstMs = Math.max(0, ctx.settings.burstWindowSeconds) * 1000;
  for (const indices of ctx.byRecipient.values()) {
    let firstMachine = Number.POSITIVE_INFINITY;
    const machineTimes: number[] = [];
    const machineBlocks = new Set<number>();
    // Agents by id (equal ids, equal strings).
    const machineAgents = new Set<number>();
    for (const i of indices) {
      const label = stage1[i];
      if (label !== 'scanner' && label !== 'proxy') continue;
      if (Number.isNaN(ctx.time[i]!)) continue;
      firstMachine = Math.min(firstMachine, ctx.time[i]!);
      machineTimes.push(ctx.time[i]!);
      const block = ctx.blockId[i]!;
      if (block >= 0) machineBlocks.add(block);
      if (agentTextOf(ctx, i) !== undefined) machineAgents.add(ctx.agentId[i]!);
    }
    if (machineTimes.length === 0) continue;
    for (const i of indices) {
      if (Number.isNaN(ctx.time[i]!) || ctx.time[i]! <= firstMachine) continue;
      const ua = agentClassOf(ctx, i);
      const personAgent = (ua.kind === 'browser' && !ua.stale) || (ctx.click[i] === 0 && ua.kind === 'image-proxy');
      if (!personAgent) continue;
      if (ctx.rangeMatch[i]?.kind === 'scanner') continue;
      if (hasEvidence(ctx, i, ['link-burst', 'all-links', 'honeypot', 'scanner-network'])) continue;
      if (hasTimeWithin(machineTimes, ctx.time[i]!, burstMs)) continue;
      const block = ctx.blockId[i]!;
      const otherNetwork = block < 0 || !machineBlocks.has(block);
      const otherAgent = agentTextOf(ctx, i) === undefined || !machineAgents.has(ctx.agentId[i]!);
      if (otherNetwork || otherAgent) {
        addEvidence(ctx, i, PERSON_CAME_BACK);
      }
    }
  }
}
