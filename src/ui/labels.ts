// Display text for labels and vendors, shared by the report and the history table.
import type { Label } from '../shared/types';
import { reasonParameterName } from '../classifier/reasons';
import { t } from './i18n';

export function labelText(label: Label, strict = false): string {
  if (label === 'suspect') return t(strict ? 'ui_label_suspect_strict' : 'ui_label_suspect');
  return t(`ui_label_${label}`);
}

/** `apple-icloud` → "Apple iCloud" (the classifier's own names table; unknown ids shown as they are). */
export function vendorText(vendor: string): string {
  return reasonParameterName(vendor);
}
