// The one registry of names people see for the ids the code uses: vendors (IP range owners, recipient mail hosts,
// user-agent vendors, the parameter of `scanner-ip:<vendor>`-style reason codes) and sources (the ESP page
// adapters and the export formats). Pure data and lookups: the classifier, the CLI, the worker and the UI all read
// it. test/shared/vendors.test.ts fails when any id used anywhere in src/ is missing here.

/** What a vendor is to us; a vendor with several roles (Microsoft) is listed under the one users know it by. */
export type VendorKind =
  /** A mail security gateway or link scanner (Safe Links, Proofpoint URL Defense, …). */
  | 'security-gateway'
  /** A mailbox provider or its image/privacy proxy (Gmail, Yahoo, Apple Mail Privacy Protection). */
  | 'mailbox-provider'
  /** A corporate web gateway that real people browse through. */
  | 'web-gateway'
  /** A cloud hosting network. */
  | 'cloud'
  /** A range the user added in the options page. */
  | 'user'
  /** Nothing we know: a mail host we could not name. */
  | 'other';

export interface VendorRecord {
  /** Stable kebab-case id as the range data writes it. */
  id: string;
  /** The one name people see, everywhere. */
  name: string;
  /** Other ids the code uses for the same vendor (mail-host ids, user-agent vendor ids). */
  aliases?: readonly string[];
  kind: VendorKind;
}

export const VENDORS: readonly VendorRecord[] = [
  { id: 'microsoft', name: 'Microsoft 365', aliases: ['microsoft365'], kind: 'security-gateway' },
  // One name for Google's mail, whether it is seen as an MX (Google Workspace, Gmail) or as a range owner.
  { id: 'google', name: 'Google', kind: 'mailbox-provider' },
  { id: 'gmail', name: 'Gmail image proxy', kind: 'mailbox-provider' },
  { id: 'google-cloud', name: 'Google Cloud', kind: 'cloud' },
  { id: 'apple-icloud', name: 'Apple Mail Privacy Protection (iCloud)', kind: 'mailbox-provider' },
  { id: 'yahoo', name: 'Yahoo Mail', kind: 'mailbox-provider' },
  { id: 'proofpoint', name: 'Proofpoint', kind: 'security-gateway' },
  { id: 'mimecast', name: 'Mimecast', kind: 'security-gateway' },
  { id: 'barracuda', name: 'Barracuda', kind: 'security-gateway' },
  { id: 'cisco', name: 'Cisco Secure Email', kind: 'security-gateway' },
  { id: 'trend-micro', name: 'Trend Micro', aliases: ['trendmicro'], kind: 'security-gateway' },
  { id: 'symantec', name: 'Symantec (Broadcom) MessageLabs', aliases: ['messagelabs'], kind: 'security-gateway' },
  { id: 'forcepoint', name: 'Forcepoint', kind: 'security-gateway' },
  { id: 'hornetsecurity', name: 'Hornetsecurity / Vade', kind: 'security-gateway' },
  { id: 'cloudflare', name: 'Cloudflare Email Security', kind: 'security-gateway' },
  { id: 'checkpoint-avanan', name: 'Check Point Harmony (Avanan)', kind: 'security-gateway' },
  { id: 'zscaler', name: 'Zscaler', kind: 'web-gateway' },
  { id: 'aws', name: 'Amazon Web Services', kind: 'cloud' },
  { id: 'azure', name: 'Microsoft Azure', kind: 'cloud' },
  { id: 'other', name: 'Other mail host', kind: 'other' },
  { id: 'user', name: 'Your own range', kind: 'user' },
];

/** Vendor ids of user ranges start with this, followed by the label's kebab-case form (`user-head-office`). */
export const USER_RANGE_VENDOR_PREFIX = 'user-';

const VENDOR_BY_ID = new Map<string, VendorRecord>();
for (const vendor of VENDORS) {
  VENDOR_BY_ID.set(vendor.id, vendor);
  for (const alias of vendor.aliases ?? []) VENDOR_BY_ID.set(alias, vendor);
}

function kebab(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/**
 * The vendor id of a user range: `user-` plus the label in kebab case, so reason codes stay kebab-case
 * (`scanner-ip:user-head-office`) while the UI can still find the name the user typed.
 */
export function userRangeVendorId(label: string): string {
  const slug = kebab(label);
  return slug ? `${USER_RANGE_VENDOR_PREFIX}${slug}` : 'user';
}

/** The registry record of an id or alias, undefined when the id is not registered (user ranges included). */
export function vendorRecord(id: string): VendorRecord | undefined {
  return VENDOR_BY_ID.get(id);
}

/** True when the id is a registered vendor, an alias, or a user range's id. */
export function isKnownVendorId(id: string): boolean {
  return VENDOR_BY_ID.has(id) || (id.startsWith(USER_RANGE_VENDOR_PREFIX) && kebab(id) === id);
}

/** The id counts are merged under: aliases fold into their vendor (`messagelabs` and `symantec` are one row). */
export function canonicalVendorId(id: string): string {
  return VENDOR_BY_ID.get(id)?.id ?? id;
}

/**
 * The name people see for a vendor id. A user range shows the label the user typed when `userRangeLabels` (the
 * stored ranges' labels) has it, else the label rebuilt from its id ("your range “head office”"). Unknown ids
 * are shown as they are (never thrown away: they are evidence).
 */
export function vendorName(id: string, userRangeLabels: readonly string[] = []): string {
  const record = VENDOR_BY_ID.get(id);
  if (record) return record.name;
  if (id.startsWith(USER_RANGE_VENDOR_PREFIX)) {
    const typed = userRangeLabels.find((label) => userRangeVendorId(label) === id);
    if (typed !== undefined) return typed;
    return `your range “${id.slice(USER_RANGE_VENDOR_PREFIX.length).replace(/-/g, ' ')}”`;
  }
  return id;
}

/** Merges counts keyed by vendor id under their canonical id (aliases and duplicates become one entry). */
export function mergeVendorCounts(counts: Readonly<Record<string, number>>): Array<[string, number]> {
  const merged = new Map<string, number>();
  for (const [id, count] of Object.entries(counts)) {
    const key = canonicalVendorId(id);
    merged.set(key, (merged.get(key) ?? 0) + count);
  }
  return [...merged.entries()];
}

// ---- sources: ESP page adapters and export formats ----

export interface SourceRecord {
  /** Adapter id (`mailchimp`, `generic`, `demo`) or importer format name (`sendgrid-webhook`, `csv`). */
  id: string;
  name: string;
  kind: 'page' | 'export' | 'both';
}

export const SOURCES: readonly SourceRecord[] = [
  { id: 'mailchimp', name: 'Mailchimp', kind: 'both' },
  { id: 'sendgrid', name: 'SendGrid', kind: 'page' },
  { id: 'sendgrid-webhook', name: 'SendGrid Event Webhook', kind: 'export' },
  { id: 'sendgrid-csv', name: 'SendGrid Email Activity CSV', kind: 'export' },
  { id: 'mailgun', name: 'Mailgun', kind: 'both' },
  { id: 'postmark', name: 'Postmark', kind: 'both' },
  { id: 'hubspot', name: 'HubSpot', kind: 'both' },
  { id: 'klaviyo', name: 'Klaviyo', kind: 'page' },
  { id: 'brevo', name: 'Brevo', kind: 'both' },
  { id: 'activecampaign', name: 'ActiveCampaign', kind: 'page' },
  { id: 'campaign-monitor', name: 'Campaign Monitor', kind: 'page' },
  { id: 'mailjet', name: 'Mailjet', kind: 'export' },
  { id: 'ses', name: 'Amazon SES', kind: 'export' },
  { id: 'iterable', name: 'Iterable', kind: 'export' },
  { id: 'mandrill', name: 'Mandrill (Mailchimp Transactional)', kind: 'export' },
  { id: 'sparkpost', name: 'SparkPost', kind: 'export' },
  { id: 'customerio', name: 'Customer.io', kind: 'export' },
  { id: 'marketo', name: 'Marketo', kind: 'export' },
  { id: 'json', name: 'JSON export', kind: 'export' },
  { id: 'ndjson', name: 'JSON lines export', kind: 'export' },
  { id: 'csv', name: 'CSV export', kind: 'export' },
  { id: 'generic', name: 'Report table', kind: 'page' },
  { id: 'demo', name: 'Demo report', kind: 'page' },
];

const SOURCE_BY_ID = new Map(SOURCES.map((source) => [source.id, source]));

export function isKnownSourceId(id: string): boolean {
  return SOURCE_BY_ID.has(id);
}

/** The name people see for an adapter id or export format; unknown ids as they are. */
export function sourceName(id: string | undefined): string {
  if (id === undefined || id === '') return '';
  return SOURCE_BY_ID.get(id)?.name ?? id;
}
