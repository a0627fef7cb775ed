import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@spotify-insights/config';
import { sourceTopicSpec } from '@spotify-insights/ingestion';
import { createLakeClient } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { newRunId, runTransform } from '@spotify-insights/transform';
import { nowMs } from '../ingest/clock.ts';
import { startLandingProcess } from '../ingest/landing-process.ts';
import { runBenchmarkMain } from '../shared/run-main.ts';
import { formatInteger } from '../shared/text-table.ts';
import { formatTimedTable, passOrMiss, type TimedRow } from '../transform/report.ts';
import { readStepTimings, watchSteps } from '../transform/step-timings.ts';
import { parseImportBenchOptions, USAGE, type ImportBenchOptions } from './bench-options.ts';
import { copyLandedObjects, createImportBenchResources } from './bench-resources.ts';
import { runImportStage } from './import-stage.ts';
import { measureJsonParse } from './json-parse-baseline.ts';
import { generateExports } from './synthetic-export.ts';

/*
 * The import benchmark (issue 6, §3): a million plays as extended streaming history
 * export files, through the real pipeline as it runs in production, the consumer
 * already running beside the importer: import (files → Kafka) and land (Kafka → raw,
 * in its own process) overlap; then one transform run (raw → processed → presentation
 * → warehouse). Total = first file opened → fct_play loaded. The baseline, measured in
 * the same run on the same files: read + JSON.parse, nothing else.
 */
const TARGET_TOTAL_SECONDS = 60;
const USERS = ['ayaka', 'boris', 'chloe', 'dana', 'emre', 'farah', 'goran', 'hana'];

const say = (line: string) => process.stderr.write(`${line}\n`);

async function runBenchmark(options: ImportBenchOptions): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('bench-import', { level: 'warn' });
  const lake = createLakeClient(config.lake);
  const runTag = `${new Date()
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(2, 14)}-${randomUUID().slice(0, 4)}`;
  const resources = await createImportBenchResources(config, lake, runTag);
  const work = await mkdtemp(join(tmpdir(), 'bench-import-'));
  let cleaning: Promise<string[]> | undefined;
  const cleanUp = () =>
    (cleaning ??= rm(work, { recursive: true, force: true }).then(() => resources.remove()));
  process.once('SIGINT', () => {
    say('\ninterrupted: removing what this run created…');
    void cleanUp().finally(() => process.exit(130));
  });

  try {
    say(`generating ${formatInteger(options.plays)} plays for ${options.users} users…`);
    const genStarted = performance.now();
    const generated = await generateExports({
      dir: work,
      userIds: Array.from(
        { length: options.users },
        (_, i) => `${USERS[i % USERS.length]}.bench${i + 1}`,
      ),
      plays: options.plays,
      playsPerFile: options.playsPerFile,
      tracks: options.tracks,
      end: new Date(),
    });
    const files = generated.folders.flatMap((f) => f.files);
    say(
      `export files: ${files.length}, ${(generated.bytes / 1024 ** 2).toFixed(0)} MiB in ` +
        `${((performance.now() - genStarted) / 1000).toFixed(1)} s (not counted)`,
    );

    say('baseline: read + JSON.parse of every file…');
    const baseline = await measureJsonParse(files);

    say('starting the consumer (its own process)…');
    const landing = await startLandingProcess({
      label: 'land',
      topic: { ...sourceTopicSpec('streaming-history'), name: resources.topic },
      groupId: resources.groupId,
      expected: generated.plays,
    });
    const imported = await runImportStage({
      config,
      db: resources.db,
      logger,
      topic: resources.topic,
      generated,
    });
    const landedAt = await landing.landed;
    const landed = await landing.stop();

    say('copying the landed objects into the run’s raw bucket (benchmark isolation, not counted)…');
    const copy = await copyLandedObjects(lake, resources.topic, resources.buckets.raw);

    const runId = newRunId(new Date());
    say(`transform run ${runId}:`);
    const stopWatching = watchSteps(resources.db, runId, say);
    const transformStarted = nowMs();
    const transformStartedAt = Date.now();
    const result = await runTransform(
      { db: resources.db, lake, logger, buckets: resources.buckets },
      { trigger: 'manual', runId },
    ).finally(stopWatching);
    const transformSeconds = (nowMs() - transformStarted) / 1000;
    if (result.status !== 'succeeded') {
      const reasons = result.quality?.blocked.map(
        (b) => `${b.model}.${b.expectation}: ${b.reason}`,
      );
      throw new Error(`transform run ended ${result.status}: ${reasons?.join('; ') ?? ''}`);
    }
    const steps = await readStepTimings(resources.db, runId);
    const [facts] = await resources.db('warehouse.fct_play').count<{ n: string }[]>('* as n');
    const inWarehouse = Number(facts!.n);

    const plays = generated.plays;
    const importSeconds = (imported.finishedAt - imported.startedAt) / 1000;
    const landSeconds = (landedAt - imported.startedAt) / 1000;
    const total = landSeconds + transformSeconds;
    // The warehouse answers queries once the load commits (its marts are views over the
    // facts); the presentation files come after, in `aggregate`.
    const loadStep = steps.find((s) => s.step === 'load');
    const queryable =
      landSeconds +
      (loadStep?.finishedAt ? (loadStep.finishedAt.getTime() - transformStartedAt) / 1000 : NaN);
    const baselineRate = baseline.plays / baseline.seconds;
    const rows: TimedRow[] = [
      { label: 'import: files → Kafka', seconds: importSeconds, rows: plays },
      { label: 'land: → raw (overlaps import; from its start)', seconds: landSeconds, rows: plays },
      ...steps.map((s) => ({ label: `transform: ${s.step}`, seconds: s.seconds, rows: plays })),
      { label: 'transform (runTransform)', seconds: transformSeconds, rows: plays },
      {
        label: 'total: files → queryable warehouse (load committed)',
        seconds: queryable,
        rows: plays,
      },
      { label: 'total: files → run finished (presentation written)', seconds: total, rows: plays },
      { label: 'baseline: read + JSON.parse', seconds: baseline.seconds, rows: plays },
    ];
    const lines = [
      '',
      `Import benchmark: ${formatInteger(plays)} plays in ${files.length} extended-history files ` +
        `(${(generated.bytes / 1024 ** 2).toFixed(0)} MiB, ${options.users} users) → ` +
        `${formatInteger(inWarehouse)} rows of fct_play`,
      '',
      formatTimedTable(rows),
      '',
      `files → queryable warehouse: ${passOrMiss(`${queryable.toFixed(1)} s`, queryable <= TARGET_TOTAL_SECONDS, `≤ ${TARGET_TOTAL_SECONDS} s`)}` +
        `; the run finished (presentation files written) at ${total.toFixed(1)} s`,
      `import / bare JSON.parse: ${(plays / importSeconds / baselineRate).toFixed(2)}× the baseline's plays/s ` +
        `(${formatInteger(plays / importSeconds)} vs ${formatInteger(baselineRate)})`,
      `sent ${formatInteger(imported.records)}, dead-lettered ${imported.deadLettered}; landed ` +
        `${formatInteger(landed.records)} in ${landed.objects} raw objects ` +
        `(${(landed.ndjsonBytes / 1024 ** 2).toFixed(0)} MiB NDJSON); copied in ${copy.seconds.toFixed(1)} s (not counted)`,
      ...(inWarehouse === plays
        ? []
        : [`WARNING: ${inWarehouse} fct_play rows for ${plays} plays`]),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    say('removing the run’s topic, objects, buckets and database…');
    for (const problem of await cleanUp()) say(`  cleanup: ${problem}`);
  }
}

await runBenchmarkMain({ parse: parseImportBenchOptions, usage: USAGE, run: runBenchmark });
