// HTTPS on 127.0.0.1 serving the saved ESP pages under their real URLs, whatever the Host header says: the
// browsers resolve the ESP names to loopback (Chromium --host-resolver-rules, Firefox network.dns.localDomains)
// and reach this server with `Host: app.sendgrid.com:<port>`. Every request is recorded, so tests can see what
// the browser and the extension fetched.
import { createServer, type Server } from 'node:https';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Certificate } from './certificate';

export interface RecordedRequest {
  host: string;
  method: string;
  path: string;
  status: number;
  at: number;
}

/** One saved page and the URL it is served at (from its `.expected.json`, or a path under /__fixtures__/). */
export interface FixturePage {
  /** Path relative to the fixture root, e.g. `sendgrid/email-activity.html`. */
  file: string;
  absolutePath: string;
  /** The real-world URL of the page (`https://app.sendgrid.com/email_activity?…`); undefined when not declared. */
  url?: string;
  expected?: FixtureExpectation;
}

export interface ExpectedRow {
  rowSelector?: string;
  rowIndex?: number;
  label: string;
  reasons?: string[];
  count?: number;
}

/** The `.expected.json` next to a saved page (contract from the page-reader work, issue 5). */
export interface FixtureExpectation {
  url: string;
  adapter?: string;
  pageKind?: string;
  sentAt?: string | number;
  campaignName?: string;
  /** Link-table totals on aggregate pages (no per-event rows). */
  linkStats?: Array<{ url: string; totalClicks: number; uniqueClicks?: number }>;
  /** How many tables the reader must find (0: a page without an engagement table). */
  tables?: number;
  rows: ExpectedRow[];
  /** Rows the page appends when `#load-more` is clicked (infinite scroll), each to be marked too. */
  afterLoadMore?: ExpectedRow[];
  /** Campaign B that `window.__fixture.switchCampaign()` shows in place of A (same tab, new address). */
  afterSwitch?: { url: string; campaignName: string; rows: ExpectedRow[] };
  [key: string]: unknown;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
};

function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const full = join(root, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

/** Every `<case>.html` under the roots, with its `<case>.expected.json` when there is one. */
export function findFixturePages(roots: readonly string[]): FixturePage[] {
  const pages: FixturePage[] = [];
  for (const root of roots) {
    for (const absolutePath of listFiles(root)) {
      if (!absolutePath.endsWith('.html')) continue;
      const expectedPath = absolutePath.replace(/\.html$/, '.expected.json');
      const expected = existsSync(expectedPath)
        ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as FixtureExpectation)
        : undefined;
      pages.push({
        file: relative(root, absolutePath).split(sep).join('/'),
        absolutePath,
        ...(expected ? { expected, url: expected.url } : {}),
      });
    }
  }
  return pages;
}

/** The page the e2e background hook reacts to (see src/background/e2e-hooks.ts). */
export const HOOK_PATH_PREFIX = '/__sieve_e2e__/';

export interface FixtureServer {
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  pages: FixturePage[];
  /**
   * Serve this page for requests to its URL from now on. Needed when saved pages differ only by the URL's
   * #fragment (single-page apps such as ActiveCampaign's `/report/#/campaign/312/opens`), which the server
   * never sees.
   */
  pin(page: FixturePage): void;
  /**
   * Serve `body` for requests to this URL's host and path (any query) from now on: files a test makes at run
   * time, such as loopback copies of the official range lists.
   */
  serve(realUrl: string, body: string, contentType: string): void;
  /** Stop serving everything `serve` added. */
  unserveAll(): void;
  /** `https://<host>:<port><path>` for a real-world URL, keeping its host, path, query and fragment. */
  localUrl(realUrl: string): string;
  close(): Promise<void>;
}

function routeKey(host: string, pathAndQuery: string): string {
  return `${host.toLowerCase()}${pathAndQuery}`;
}

export async function startFixtureServer(options: {
  certificate: Certificate;
  roots: readonly string[];
}): Promise<FixtureServer> {
  const roots = options.roots.map((root) => resolve(root));
  // Re-read on each request: the page-reader work adds fixtures while the suite is being written.
  const routes = () => {
    const pages = findFixturePages(roots);
    const byUrl = new Map<string, FixturePage>();
    for (const page of pages) {
      if (!page.url) continue;
      const url = new URL(page.url);
      byUrl.set(routeKey(url.hostname, url.pathname + url.search), page);
      if (!byUrl.has(routeKey(url.hostname, url.pathname))) byUrl.set(routeKey(url.hostname, url.pathname), page);
    }
    return { pages, byUrl };
  };
  const requests: RecordedRequest[] = [];
  const pinned = new Map<string, FixturePage>();
  const served = new Map<string, { body: string; contentType: string }>();

  const server: Server = createServer({ key: options.certificate.key, cert: options.certificate.cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const target = new URL(req.url ?? '/', 'https://placeholder');
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      requests.push({ host, method: req.method ?? 'GET', path: req.url ?? '/', status, at: Date.now() });
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };

    if (target.pathname.startsWith(HOOK_PATH_PREFIX)) {
      // A tiny real page, so the tab finishes loading and the background hook sees its URL.
      send(200, '<!doctype html><title>Scanner Sieve e2e hook</title><p>e2e hook</p>', CONTENT_TYPES['.html']);
      return;
    }
    if (target.pathname === '/favicon.ico') {
      send(404, 'no favicon');
      return;
    }
    const made = served.get(routeKey(host, target.pathname));
    if (made) {
      send(200, made.body, made.contentType);
      return;
    }
    const fixturePrefix = '/__fixtures__/';
    if (target.pathname.startsWith(fixturePrefix)) {
      const relativePath = decodeURIComponent(target.pathname.slice(fixturePrefix.length));
      for (const root of roots) {
        const file = resolve(root, relativePath);
        if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) continue;
        send(200, readFileSync(file), CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
        return;
      }
      send(404, `no fixture ${relativePath}`);
      return;
    }
    const { byUrl } = routes();
    const exactKey = routeKey(host, target.pathname + target.search);
    const page = pinned.get(exactKey) ?? byUrl.get(exactKey) ?? byUrl.get(routeKey(host, target.pathname));
    if (page) {
      send(200, readFileSync(page.absolutePath), CONTENT_TYPES['.html']);
      return;
    }
    send(404, `no saved page for ${host}${req.url ?? ''}`);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    requests,
    get pages() {
      return routes().pages;
    },
    pin(page: FixturePage) {
      if (!page.url) throw new Error(`${page.file} has no url in its .expected.json`);
      const url = new URL(page.url);
      pinned.set(routeKey(url.hostname, url.pathname + url.search), page);
    },
    serve(realUrl: string, body: string, contentType: string) {
      const url = new URL(realUrl);
      served.set(routeKey(url.hostname, url.pathname), { body, contentType });
    },
    unserveAll() {
      served.clear();
    },
    localUrl(realUrl: string) {
      const url = new URL(realUrl);
      url.port = String(port);
      return url.toString();
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
