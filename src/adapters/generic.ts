// The reader of last resort: any page on a site the user granted, any ESP page no adapter knows. It relies only
// on header text, ARIA roles and repeated row structure (see find-tables.ts).
import type { Adapter } from './types';

export const genericAdapter: Adapter = {
  id: 'generic',
  name: 'Any report table',
  matches: [],
  examples: { match: [], noMatch: [] },
  // Per-person open/click counts are read on an unknown page only under a title that says so ("Opened",
  // "Recipients who clicked"): elsewhere such a column is a contact statistic (read-page.ts).
  pageKinds: ['event-activity', 'message-events', 'link-clicks'],
  supportedPages: ['Any table whose headers name a recipient/email and an event, time, IP, user agent or link'],
};

/** The bundled demo report page runs the generic reader under its own id. */
export const demoAdapter: Adapter = { ...genericAdapter, id: 'demo', name: 'Demo report' };
