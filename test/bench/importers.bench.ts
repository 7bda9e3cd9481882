// Importer throughput and memory: 200k and 500k generated records as a SendGrid JSON array, NDJSON and CSV,
// streamed from a file like the CLI does, plus the whole-text path and the full CLI (import + classify + JSON
// out). Each case runs in its own Node process so its peak RSS is its own (process.resourceUsage().maxRSS).
// Figures only; nothing here asserts a time (conventions §5).
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importChunks, importText } from '../../src/importers/index';

const HERE = fileURLToPath(import.meta.url);
const ROOT = resolve(HERE, '..', '..', '..');
const SENT = 1739466000;
const LINKS = ['https://shop.example.com/sale', 'https://shop.example.com/new', 'https://shop.example.com/prefs', 'https://shop.example.com/unsub'];
const UAS = [
  'Mozilla/5.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko',
];

type Shape = 'json' | 'ndjson' | 'csv';

/** One generated SendGrid-style event: a tenth are deliveries, the rest opens and clicks of 50k recipients. */
function record(n: number): { email: string; timestamp: number; event: string; ip: string; useragent: string; url?: string; sg_event_id: string; sg_message_id: string } {
  const recipient = n % 50_000;
  const kind = n % 10 === 0 ? 'delivered' : n % 3 === 0 ? 'click' : 'open';
  const event = {
    email: `person${recipient}@company${recipient % 977}.example`,
    timestamp: SENT + Math.floor(n / 10),
    event: kind,
    ip: `${40 + (n % 50)}.${n % 251}.${(n >> 8) % 251}.${n % 199}`,
    useragent: UAS[n % UAS.length]!,
    sg_event_id: `ev${n}`,
    sg_message_id: `msg${recipient}.filter0001`,
  };
  return kind === 'click' ? { ...event, url: LINKS[n % LINKS.length]! } : event;
}

async function writeExport(path: string, shape: Shape, count: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string): Promise<void> | void => (out.write(text) ? undefined : new Promise((done) => out.once('drain', () => done())));
  if (shape === 'json') await write('[\n');
  if (shape === 'csv') await write('email,event,timestamp,ip,user agent,url\n');
  let batch: string[] = [];
  for (let n = 0; n < count; n++) {
    const event = record(n);
    if (shape === 'csv') {
      batch.push(`${event.email},${event.event},${event.timestamp},${event.ip},"${event.useragent}",${event.url ?? ''}\n`);
    } else {
      batch.push((shape === 'json' && n > 0 ? ',\n' : '') + JSON.stringify(event) + (shape === 'ndjson' ? '\n' : ''));
    }
    if (batch.length === 5000) {
      await write(batch.join(''));
      batch = [];
    }
  }
  batch.push(shape === 'json' ? '\n]\n' : '');
  await write(batch.join(''));
  await new Promise<void>((done) => out.end(() => done()));
}

/** Child-process side: import one file, print records/s and peak RSS as JSON. */
async function measureChild(path: string, mode: 'stream' | 'text'): Promise<void> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result =
    mode === 'stream'
      ? await importChunks(createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>)
      : importText(readFileSync(path, 'utf8'));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(
    JSON.stringify({
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      records: result.recordCount,
      events: result.campaign.events.length,
      errors: result.skippedCount,
      seconds,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

interface ChildFigures {
  records: number;
  events: number;
  errors: number;
  seconds: number;
  /** CPU time of the import (user + system, GC threads included): steadier than wall time on a busy machine. */
  cpuSeconds: number;
  peakRssMiB: number;
}

function runChild(path: string, mode: 'stream' | 'text'): ChildFigures {
  const child = spawnSync(process.execPath, ['--import', 'tsx', HERE], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SIEVE_BENCH_CHILD: `${mode}:${path}` },
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`bench child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as ChildFigures;
}

/** The whole CLI on one file, peak RSS from GNU time (%M = max resident set in KiB). */
function runCli(path: string): { seconds: number; peakRssMiB?: number; outputMiB: number } {
  const started = performance.now();
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  const useTime = statSync('/usr/bin/time', { throwIfNoEntry: false }) !== undefined;
  const command = useTime ? '/usr/bin/time' : tsx;
  const args = useTime ? ['-f', 'PEAK_KIB=%M', tsx, 'src/cli/audit.ts', path] : ['src/cli/audit.ts', path];
  const child = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`audit failed: ${child.stderr.slice(0, 500)}`);
  // GNU time measures the largest process in the tree (tsx spawns node), which is the audit itself.
  const peak = /PEAK_KIB=(\d+)/.exec(child.stderr);
  return { seconds, outputMiB: child.stdout.length / 2 ** 20, ...(peak ? { peakRssMiB: Number(peak[1]) / 1024 } : {}) };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sieve-import-bench-'));
  try {
    console.log('case                               records   file MiB   records/s   records/CPU-s   peak RSS MiB');
    for (const count of [200_000, 500_000]) {
      for (const shape of ['json', 'ndjson', 'csv'] as const) {
        const path = join(dir, `sendgrid-${count}.${shape}`);
        await writeExport(path, shape, count);
        const sizeMiB = statSync(path).size / 2 ** 20;
        const modes: Array<'stream' | 'text'> = count === 500_000 && shape === 'json' ? ['stream', 'text'] : ['stream'];
        for (const mode of modes) {
          const figures = runChild(path, mode);
          if (figures.records !== count) throw new Error(`expected ${count} records, read ${figures.records}`);
          const name = `${shape} ${mode === 'stream' ? 'importChunks(file)' : 'importText(whole)'}`;
          console.log(
            `${name.padEnd(34)} ${String(count).padStart(7)}   ${sizeMiB.toFixed(1).padStart(8)}   ` +
              `${Math.round(count / figures.seconds).toLocaleString('en-US').padStart(9)}   ` +
              `${Math.round(count / figures.cpuSeconds).toLocaleString('en-US').padStart(13)}   ${figures.peakRssMiB.toFixed(0).padStart(12)}`,
          );
        }
      }
    }
    const cliFile = join(dir, 'sendgrid-500000.ndjson');
    const cli = runCli(cliFile);
    console.log(
      `audit CLI end to end (500k NDJSON, import + classify + ${cli.outputMiB.toFixed(0)} MiB JSON out): ` +
        `${cli.seconds.toFixed(1)} s, ${Math.round(500_000 / cli.seconds).toLocaleString('en-US')} records/s, ` +
        `peak RSS ${cli.peakRssMiB === undefined ? 'n/a (no /usr/bin/time)' : `${cli.peakRssMiB.toFixed(0)} MiB`}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childCase = process.env.SIEVE_BENCH_CHILD;
if (childCase) {
  const separator = childCase.indexOf(':');
  await measureChild(childCase.slice(separator + 1), childCase.slice(0, separator) as 'stream' | 'text');
}
