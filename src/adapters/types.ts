// The shape every ESP adapter declares (refined-github's feature-per-file: a plain object, no classes), and the
// row model the generic reader produces. Adapters only add what the generic reader cannot guess: where the
// table lives, the send time, the campaign key that groups paginated pages, the recipient of a per-message page.
import type { EventType } from '../shared/types';

/** What a page shows. */
export type PageKind =
  /** One row per open/click (SendGrid Email Activity, Mailgun Logs, Mailchimp member activity…). */
  | 'event-activity'
  /** One row per recipient with open/click counts (Mailchimp recipient activity, HubSpot recipients…). */
  | 'recipient-counts'
  /** Aggregate click table: URL, total, unique (Mailchimp click performance). */
  | 'link-clicks'
  /** The events of one message or one person (SendGrid event panel, Postmark message details, Klaviyo profile). */
  | 'message-events';

export interface Adapter {
  /** Stable id, kebab-case: sent to the worker as `esp`. */
  id: string;
  /** The ESP's name as people write it. */
  name: string;
  /** URL patterns in match-pattern syntax (`https://*.admin.mailchimp.com/reports/*`). */
  matches: string[];
  /** URLs that must and must not match: checked by test/adapters/registry.test.ts. */
  examples: { match: string[]; noMatch: string[] };
  pageKinds: PageKind[];
  /** Plain-words list of the pages this adapter reads (shown when no table is found). */
  supportedPages: string[];
  /** Which page kind a URL is, when the URL says it (defaults to the kind the table's columns imply). */
  pageKindFor?(url: URL): PageKind | undefined;
  /** The elements holding the data (tables, grids, row lists); the generic finder runs inside them. */
  findTables?(doc: Document): Element[];
  /** Campaign send time, ms UTC, when the page shows it somewhere the generic reader would not look. */
  sendTime?(doc: Document): number | undefined;
  campaignName?(doc: Document): string | undefined;
  /** Groups the pages of one report so paginated rows accumulate; defaults to the URL without query/hash. */
  campaignKey?(url: URL, doc: Document): string | undefined;
  /** The recipient of a per-message/per-profile page whose rows carry no recipient column. */
  pageRecipient?(doc: Document): string | undefined;
  /** Event type of rows whose table has no event column (a "Clicks" tab lists clicks only). */
  defaultEventType?(doc: Document, table: Element): EventType | undefined;
  /** Dates on this ESP are written day-first (13/02/2025). */
  dayFirst?: boolean;
  // Pagination and expanded rows need no declaration: the worker accumulates rows per campaign identity, the
  // runner re-reads on every render, and detail rows are read where they appear (page-reader/detail-panels.ts).
}
