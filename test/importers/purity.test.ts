// The importers and the shared date/column modules run in the options page, the content script and the CLI
// alike (architecture practice 7): no browser extension API, no DOM, no Node built-ins.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const FORBIDDEN = [
  /from\s+['"]webextension-polyfill['"]/,
  /from\s+['"]node:/,
  /\bchrome\.[a-z]/,
  /\bbrowser\.[a-z]/,
  /\b(document|window|localStorage)\./,
  /\bBuffer\b/,
  /\bprocess\./,
];

describe('importers stay pure', () => {
  const files = [...sourceFiles(join(ROOT, 'src', 'importers')), join(ROOT, 'src/shared/dates.ts'), join(ROOT, 'src/shared/columns.ts')];

  it.each(files.map((file) => relative(ROOT, file)))('%s uses no browser, DOM or Node API', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const pattern of FORBIDDEN) expect(text).not.toMatch(pattern);
  });
});
