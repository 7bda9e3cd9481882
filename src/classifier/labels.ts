// Which labels count as people in the qualified numbers (conventions §1: human + suspect, or human only when strict).
import type { Label } from '../shared/types';

export function isQualified(label: Label, strict: boolean): boolean {
  return label === 'human' || (!strict && label === 'suspect');
}
