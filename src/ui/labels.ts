// Display text for labels and vendors, shared by the report and the history table.
import type { Label } from '../shared/types';
import { vendorName } from '../shared/vendors';
import { t } from './i18n';

export function labelText(label: Label, strict = false): string {
  if (label === 'suspect') return t(strict ? 'ui_label_suspect_strict' : 'ui_label_suspect');
  return t(`ui_label_${label}`);
}

/** `apple-icloud` → its registry name (src/shared/vendors.ts); a user range's id → the label the user typed. */
export function vendorText(vendor: string, userRangeLabels?: readonly string[]): string {
  return vendorName(vendor, userRangeLabels);
}
