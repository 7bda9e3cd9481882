// `npm run bench`: runs every test/bench/*.bench.ts module's `run()` in turn and lets each print its figures.
// Benchmarks report numbers; they never fail on a wall time (conventions §5).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => !only || name.includes(only))
  .sort();

for (const name of files) {
  const module = (await import(pathToFileURL(join(here, name)).href)) as { run?: () => Promise<void> | void };
  if (typeof module.run !== 'function') throw new Error(`${name} exports no run()`);
  console.log(`\n== ${name.replace(/\.bench\.ts$/, '')} ==`);
  await module.run();
}
