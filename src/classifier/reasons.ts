// Every reason code the classifier emits, with the sentence the UI shows, gathered from the signals' own
// declarations (signals/declarations.ts). Codes are stable kebab-case (conventions §2); parametric codes carry a
// vendor or host after a colon (`scanner-ip:microsoft`), named from the one vendor registry (shared/vendors.ts).
import { vendorName } from '../shared/vendors';
import { SIGNAL_DECLARATIONS, type ReasonCode } from './signals/declarations';

export type { ReasonCode };

export const REASONS: Readonly<Record<ReasonCode, string>> = Object.freeze(
  Object.assign({}, ...SIGNAL_DECLARATIONS.map((declaration) => declaration.reasons)) as Record<ReasonCode, string>,
);

export function reasonParameterName(parameter: string): string {
  return vendorName(parameter);
}

/** The sentence for a code; parametric codes name their vendor/host; unknown codes are shown as they are. */
export function describeReason(code: string): string {
  const direct = (REASONS as Readonly<Record<string, string>>)[code];
  if (direct !== undefined) return direct;
  const colon = code.indexOf(':');
  if (colon > 0) {
    const base = (REASONS as Readonly<Record<string, string>>)[code.slice(0, colon)];
    const parameter = code.slice(colon + 1);
    if (base !== undefined) return `${base} (${reasonParameterName(parameter)})`;
  }
  return code;
}
