import { loadConfig } from '@spotify-insights/config';
import { createScratchDatabase } from '@spotify-insights/warehouse';
import { runBenchmarkMain } from '../shared/run-main.ts';
import { formatInteger, formatTextTable } from '../shared/text-table.ts';
import { startApiProcess } from './api-process.ts';
import { parseApiBenchOptions, USAGE, type ApiBenchOptions } from './bench-options.ts';
import { runLoad, type LoadResult } from './load-client.ts';
import { generateWarehouse } from './synthetic-warehouse.ts';

/*
 * The API benchmark (issue 7, §1): a scratch warehouse with 1M plays, the API app in a
 * child process on it, and a closed loop of 50 concurrent clients per endpoint. Overview
 * and top-N are measured next to /api/health (no database) in the same run; the target
 * is p99 <= 25 ms for overview and top-N. Requests rotate over every user and range, so
 * no single answer is all that is measured. With the response cache on (how the API
 * runs) and, unless --no-uncached, off: the warehouse answering every request.
 */
const TARGET_P99_MS = 25;
const RANGES = ['4w', '6m', 'year', 'all'];
const say = (line: string) => process.stderr.write(`${line}\n`);

function endpoints(users: string[]): { name: string; paths: string[] }[] {
  const each = (make: (user: string, range: string) => string) =>
    users.flatMap((user) => RANGES.map((range) => make(encodeURIComponent(user), range)));
  return [
    { name: 'GET /api/health (baseline)', paths: ['/api/health'] },
    { name: 'GET overview', paths: each((u, r) => `/api/users/${u}/overview?range=${r}`) },
    {
      name: 'GET top/tracks (10)',
      paths: each((u, r) => `/api/users/${u}/top/tracks?range=${r}&limit=10`),
    },
    {
      name: 'GET top/artists (10)',
      paths: each((u, r) => `/api/users/${u}/top/artists?range=${r}&limit=10`),
    },
    {
      name: 'GET top/albums (10)',
      paths: each((u, r) => `/api/users/${u}/top/albums?range=${r}&limit=10`),
    },
  ];
}

async function measure(
  baseUrl: string,
  users: string[],
  options: ApiBenchOptions,
): Promise<Measured[]> {
  const results: Measured[] = [];
  for (const endpoint of endpoints(users)) {
    say(
      `  ${endpoint.name}: each of ${endpoint.paths.length} paths once, then ${options.clients} clients, ${options.seconds} s…`,
    );
    const first = await firstAnswers(baseUrl, endpoint.paths);
    const result = await runLoad({
      baseUrl,
      paths: endpoint.paths,
      clients: options.clients,
      seconds: options.seconds,
      warmupSeconds: Math.max(1, options.seconds / 5),
    });
    results.push([endpoint.name, result, first]);
  }
  return results;
}

type Measured = [name: string, load: LoadResult, first: { mean: number; max: number }];

/**
 * Each path once, one after the other, before the load: with the cache on, what the
 * first dashboard after a load waits for (the query itself), and the cache is warm after.
 */
async function firstAnswers(baseUrl: string, paths: string[]) {
  const times: number[] = [];
  for (const path of paths) {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}${path}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, max: Math.max(...times) };
}

function report(title: string, results: Measured[]): string {
  const baseline = results[0]![1];
  const ms = (n: number) => n.toFixed(1);
  const rows = results.map(([name, r, first], i) => [
    name,
    `${ms(first.mean)} / ${ms(first.max)}`,
    formatInteger(r.requests),
    formatInteger(Math.round(r.requests / r.seconds)),
    ms(r.p50),
    ms(r.p99),
    ms(r.max),
    i === 0 ? '1.0×' : `${(r.p99 / baseline.p99).toFixed(1)}×`,
    i === 0 ? '' : r.p99 <= TARGET_P99_MS ? 'met' : 'MISSED',
    String(r.errors),
  ]);
  return `${title}\n${formatTextTable(
    [
      'endpoint',
      'first answer mean / max ms',
      'requests',
      'req/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'p99/baseline',
      `p99 ≤ ${TARGET_P99_MS} ms`,
      'errors',
    ],
    rows,
  )}`;
}

async function run(options: ApiBenchOptions): Promise<void> {
  const config = loadConfig();
  const scratch = await createScratchDatabase(config.warehouse, 'bench_api', { poolMax: 2 });
  try {
    say(`generating ${formatInteger(options.plays)} plays for ${options.users} users…`);
    const t0 = performance.now();
    const users = await generateWarehouse(scratch.db, options);
    say(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const passes: [string, Record<string, string>][] = [['response cache on (default)', {}]];
    if (options.uncached)
      passes.push(['response cache off (API_CACHE_ENTRIES=0)', { API_CACHE_ENTRIES: '0' }]);
    const out: string[] = [];
    for (const [title, env] of passes) {
      say(`${title}:`);
      const api = await startApiProcess({ DATABASE_URL: scratch.url, ...env });
      try {
        out.push(
          report(
            `${title}, ${options.clients} concurrent clients, ${formatInteger(options.plays)} plays:`,
            await measure(api.baseUrl, users, options),
          ),
        );
      } finally {
        await api.stop();
      }
    }
    process.stdout.write(`${out.join('\n\n')}\n`);
  } finally {
    await scratch.drop();
  }
}

await runBenchmarkMain({ parse: parseApiBenchOptions, usage: USAGE, run });
