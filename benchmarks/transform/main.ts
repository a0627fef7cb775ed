import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Client } from 'minio';
import { loadConfig } from '@spotify-insights/config';
import { createLakeClient } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { newRunId, runTransform, STEPS } from '@spotify-insights/transform';
import { runBenchmarkMain } from '../shared/run-main.ts';
import { formatInteger } from '../shared/text-table.ts';
import { parseTransformBenchOptions, USAGE, type TransformBenchOptions } from './bench-options.ts';
import { measureCopyBaseline } from './copy-baseline.ts';
import { formatTimedTable, passOrMiss, type TimedRow } from './report.ts';
import { createScratchResources, type ScratchResources } from './scratch-resources.ts';
import { overlapSeconds, readStepTimings, watchSteps } from './step-timings.ts';
import { buildCatalogue, seededRandom } from './synthetic-catalogue.ts';
import { planRawObjects } from './synthetic-raw-plays.ts';
import { uploadRawPlays } from './upload-raw-plays.ts';

/*
 * The transform benchmark (issue 5, §7): synthetic recently-played lines in a raw bucket
 * of the run's own, one `runTransform` through discover → validate → promote →
 * load → aggregate → checks into a fresh warehouse database, each step's time as the
 * run recorded it; then, in the same database, a bare binary COPY of the same play rows
 * into an empty table as the load stage's baseline. Generation and upload are timed
 * apart and not counted. Everything the run creates is removed at the end.
 */
const TARGET_LOAD_RATIO = 1.5;
const TARGET_END_TO_END_SECONDS = 60;
const USERS = ['ayaka', 'boris', 'chloe', 'dana', 'emre', 'farah', 'goran', 'hana'];

const say = (line: string) => process.stderr.write(`${line}\n`);

const userIds = (count: number) =>
  Array.from({ length: count }, (_, i) => `${USERS[i % USERS.length]}.bench${i + 1}`);

async function generateRaw(
  lake: Client,
  scratch: ScratchResources,
  options: TransformBenchOptions,
) {
  say(
    `generating ${formatInteger(options.plays)} plays (${options.users} users × a year, ` +
      `${formatInteger(options.tracks)} tracks) into ${scratch.buckets.raw}…`,
  );
  const started = performance.now();
  const catalogue = buildCatalogue(options.tracks, seededRandom(42));
  const plans = planRawObjects({
    plays: options.plays,
    users: userIds(options.users),
    linesPerObject: options.linesPerObject,
    end: new Date(),
  });
  const uploaded = await uploadRawPlays(lake, scratch.buckets.raw, plans, catalogue, 'bench');
  const seconds = (performance.now() - started) / 1000;
  // MinIO's 2.4 GB of writes are still in the page cache: flushed now, before the clock
  // starts, they are not charged to the validate step (without this, the first run's
  // validate took 64 s, against 24-36 s on the same objects afterwards).
  await promisify(execFile)('sync');
  return { ...uploaded, seconds };
}

async function runBenchmark(options: TransformBenchOptions): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('bench-transform', { level: 'warn' });
  const lake = createLakeClient(config.lake);
  const runTag = `${new Date()
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(2, 14)}-${randomUUID().slice(0, 4)}`;
  const scratch = await createScratchResources(config, lake, runTag, options.rawBucket);
  const work = await mkdtemp(join(tmpdir(), 'bench-transform-'));

  let cleaning: Promise<string[]> | undefined;
  const cleanUp = () =>
    (cleaning ??= rm(work, { recursive: true, force: true }).then(() =>
      scratch.remove({ keepRaw: options.keepRaw || options.rawBucket !== undefined }),
    ));
  process.once('SIGINT', () => {
    say('\ninterrupted: removing what this run created…');
    void cleanUp().finally(() => process.exit(130));
  });

  try {
    const generated = options.rawBucket ? undefined : await generateRaw(lake, scratch, options);
    if (generated)
      say(
        `raw: ${generated.objects} objects, ${formatInteger(generated.lines)} lines, ` +
          `${(generated.bytes / 1024 ** 3).toFixed(2)} GiB in ${generated.seconds.toFixed(1)} s (not counted)`,
      );

    const runId = newRunId(new Date());
    say(`transform run ${runId}:`);
    const stopWatching = watchSteps(scratch.db, runId, say);
    const started = performance.now();
    let endToEnd = Number.NaN;
    const result = await runTransform(
      { db: scratch.db, lake, logger, buckets: scratch.buckets },
      { trigger: 'manual', runId },
    ).finally(() => {
      endToEnd = (performance.now() - started) / 1000;
      return stopWatching();
    });
    if (result.status !== 'succeeded') {
      const reasons = result.quality?.blocked.map(
        (b) => `${b.model}.${b.expectation}: ${b.reason}`,
      );
      throw new Error(`transform run ended ${result.status}: ${reasons?.join('; ') ?? ''}`);
    }
    const steps = await readStepTimings(scratch.db, runId);
    const playsLoad = result.loaded?.find((l) => l.model === 'plays');
    const plays = playsLoad?.staged ?? 0;

    say('bare binary COPY of the same play rows (the load stage’s baseline)…');
    const baseline = await measureCopyBaseline(scratch.db, work);

    const step = (name: string) => steps.find((s) => s.step === name);
    const load = step('load')?.seconds ?? Number.NaN;
    const loadRatio = load / baseline.bare.seconds;
    const overlap = overlapSeconds(step('aggregate'), step('load'));
    const rows: TimedRow[] = [
      ...STEPS.map((name) => ({ label: name, seconds: step(name)?.seconds, rows: plays })),
      { label: 'end to end (runTransform)', seconds: endToEnd, rows: plays },
      { label: 'bare COPY, binary (baseline)', seconds: baseline.bare.seconds, rows: plays },
      {
        label: '  same, into a table with the grain PK',
        seconds: baseline.withGrain.seconds,
        rows: plays,
      },
    ];
    const lines = [
      '',
      `Transform benchmark: ${formatInteger(plays)} recently-played lines in ${result.objectsIn} raw objects ` +
        `→ ${formatInteger(playsLoad?.merged ?? 0)} rows of fct_play (run ${runId})`,
      '',
      formatTimedTable(rows),
      '',
      `load / bare COPY: ` +
        passOrMiss(
          `${loadRatio.toFixed(2)}×`,
          loadRatio <= TARGET_LOAD_RATIO,
          `≤ ${TARGET_LOAD_RATIO}×`,
        ),
      `end to end: ` +
        passOrMiss(
          `${endToEnd.toFixed(1)} s`,
          endToEnd <= TARGET_END_TO_END_SECONDS,
          `≤ ${TARGET_END_TO_END_SECONDS} s`,
        ),
      '',
      `load / COPY into a table with the grain PK: ${(load / baseline.withGrain.seconds).toFixed(2)}×; ` +
        `fct_play loaded by: ${playsLoad?.method ?? '-'}`,
      ...(playsLoad
        ? [
            `  plays in the load: ${playsLoad.seconds.toFixed(1)} s` +
              (playsLoad.sourceSeconds === undefined
                ? ''
                : `, ${playsLoad.sourceSeconds.toFixed(1)} s of it waiting for DuckDB outside a COPY (the fresh rows stream into theirs)`) +
              `; every other model ${(result.loaded ?? [])
                .filter((l) => l.model !== 'plays')
                .reduce((sum, l) => sum + l.seconds, 0)
                .toFixed(1)} s`,
          ]
        : []),
      ...(overlap > 0
        ? [
            `aggregate and load ran side by side for ${overlap.toFixed(1)} s: their times include sharing the cores`,
          ]
        : []),
      `baseline: ${formatInteger(baseline.bare.rows)} rows, ${(baseline.bytes / 1024 ** 2).toFixed(0)} MiB of binary COPY data`,
      `the steps' times are app.transform_steps' (started_at → finished_at); end to end is the call's wall time`,
      ...(options.keepRaw && !options.rawBucket
        ? [
            `raw bucket kept: ${scratch.buckets.raw} (rerun with --raw-bucket ${scratch.buckets.raw})`,
          ]
        : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    say('removing the run’s buckets and database…');
    for (const problem of await cleanUp()) say(`  cleanup: ${problem}`);
  }
}

await runBenchmarkMain({
  parse: parseTransformBenchOptions,
  usage: USAGE,
  run: runBenchmark,
});
