// A small in-memory stand-in for the `browser` namespace, enough for modules under test to load and for
// message handlers to be called the way the real runtime calls them.
type Listener = (message: unknown, sender: unknown) => unknown;

export function createFakeBrowser() {
  const messageListeners: Listener[] = [];
  const storage = new Map<string, unknown>();
  const grantedOrigins = new Set<string>();
  return {
    runtime: {
      id: 'scanner-sieve-test',
      getURL: (path: string) => `chrome-extension://scanner-sieve-test/${path.replace(/^\//, '')}`,
      getManifest: () => ({ version: '0.0.0-test', manifest_version: 3 }),
      onMessage: {
        addListener: (listener: Listener) => messageListeners.push(listener),
        removeListener: (listener: Listener) => {
          const at = messageListeners.indexOf(listener);
          if (at >= 0) messageListeners.splice(at, 1);
        },
      },
      onInstalled: { addListener: () => undefined },
      onStartup: { addListener: () => undefined },
      async sendMessage(message: unknown) {
        const sender = { id: 'scanner-sieve-test', url: 'chrome-extension://scanner-sieve-test/popup.html' };
        for (const listener of messageListeners) {
          const answer = listener(message, sender);
          if (answer !== undefined) return answer;
        }
        return undefined;
      },
      /** Test hook: deliver a message with an arbitrary sender. */
      __dispatch(message: unknown, sender: unknown) {
        for (const listener of messageListeners) {
          const answer = listener(message, sender);
          if (answer !== undefined) return answer;
        }
        return undefined;
      },
    },
    storage: {
      local: {
        async get(keys?: string | string[] | null) {
          const wanted = keys == null ? [...storage.keys()] : Array.isArray(keys) ? keys : [keys];
          return Object.fromEntries(wanted.filter((k) => storage.has(k)).map((k) => [k, storage.get(k)]));
        },
        async set(items: Record<string, unknown>) {
          for (const [k, v] of Object.entries(items)) storage.set(k, v);
        },
        async remove(keys: string | string[]) {
          for (const k of Array.isArray(keys) ? keys : [keys]) storage.delete(k);
        },
      },
    },
    permissions: {
      async contains(p: { origins?: string[] }) {
        return (p.origins ?? []).every((o) => grantedOrigins.has(o));
      },
      async request(p: { origins?: string[] }) {
        for (const o of p.origins ?? []) grantedOrigins.add(o);
        return true;
      },
      async remove(p: { origins?: string[] }) {
        for (const o of p.origins ?? []) grantedOrigins.delete(o);
        return true;
      },
      async getAll() {
        return { origins: [...grantedOrigins], permissions: [] };
      },
      onAdded: { addListener: () => undefined },
      onRemoved: { addListener: () => undefined },
    },
    i18n: {
      getMessage: (key: string) => key,
      getUILanguage: () => 'en',
    },
    tabs: {
      async query() {
        return [];
      },
      async sendMessage() {
        return undefined;
      },
      async create() {
        return { id: 1 };
      },
      onRemoved: { addListener: () => undefined },
      onUpdated: { addListener: () => undefined },
    },
    scripting: {
      async registerContentScripts() {},
      async unregisterContentScripts() {},
      async getRegisteredContentScripts() {
        return [];
      },
    },
  };
}
