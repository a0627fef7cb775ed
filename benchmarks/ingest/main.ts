import { randomUUID } from 'node:crypto';
import { loadConfig } from '@spotify-insights/config';
import { createLakeClient, ensureLakeBuckets } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { benchResources, cleanUpBench, createBenchTopics } from './bench-resources.ts';
import { parseBenchOptions, USAGE, type BenchOptions } from './bench-options.ts';
import { nowMs } from './clock.ts';
import { startLandingProcess } from './landing-process.ts';
import { produceStage } from './produce-stage.ts';
import { profileProducerWork } from './producer-work-profile.ts';
import { runProducerPerformance } from './producer-performance.ts';
import { formatInteger, formatTable, stageRow, verdict, type StageRow } from './report.ts';
import { runBenchmarkMain } from '../shared/run-main.ts';
import { syntheticRecentPlays } from './synthetic-plays.ts';

/*
 * The ingestion benchmark (issue 4): synthetic recent-plays records through the producer
 * runtime into Kafka, then the consumer runtime into raw objects, each stage timed alone
 * and both together; Kafka's own ProducerPerformance, same record count and size with
 * acks=all, run in the same process is the baseline. Everything it creates on the local
 * stack is named after the run and removed at the end.
 */
const TARGET_RECORDS_PER_SECOND = 50_000;
const TARGET_NATIVE_RATIO = 0.5;

const say = (line: string) => process.stderr.write(`${line}\n`);

async function runBenchmark(options: BenchOptions): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('bench-ingest', { level: 'warn' });
  const kafka = createKafka(config.kafka, logger);
  const registry = createSchemaRegistry(config.schemaRegistry);
  const lake = createLakeClient(config.lake);
  const runTag = `${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 6)}`;
  const resources = benchResources(runTag);

  let cleaning: Promise<string[]> | undefined;
  const cleanUp = () =>
    (cleaning ??= cleanUpBench({
      kafka,
      lake,
      registryUrl: config.schemaRegistry.url,
      resources,
    }));
  process.once('SIGINT', () => {
    say('\ninterrupted: removing what this run created…');
    void cleanUp().finally(() => process.exit(130));
  });

  try {
    await ensureLakeBuckets(lake);
    const avroTopics = [resources.staged, ...(options.endToEnd ? [resources.endToEnd] : [])];
    const schemaIds = await createBenchTopics(
      kafka,
      registry,
      [...avroTopics, ...(options.native ? [resources.native] : [])],
      avroTopics,
    );

    say(`building ${formatInteger(options.records)} synthetic plays for ${options.users} users…`);
    const fetchedAt = new Date();
    const runId = `bench-${runTag}`;
    const users = Array.from(
      { length: options.users },
      (_, i) => `bench-user-${String(i + 1).padStart(3, '0')}`,
    );
    const recordsByUser = syntheticRecentPlays({
      users,
      playsPerUser: (i) =>
        Math.floor(options.records / options.users) + (i < options.records % options.users ? 1 : 0),
      runId,
      fetchedAt,
    });

    const stagedSchemaId = schemaIds.get(resources.staged.name)!;
    say('timing validation and Avro encoding alone…');
    const work = await profileProducerWork(recordsByUser, registry, stagedSchemaId);
    const bytesPerRecord = work.valueBytes / work.records;
    const rows: StageRow[] = [];

    const produced = await produceStage({
      label: 'produce',
      kafka,
      registry,
      schemaId: stagedSchemaId,
      topic: resources.staged.name,
      recordsByUser,
      runId,
      fetchedAt,
      logger,
    });
    rows.push(
      stageRow('produce: runtime → Kafka', produced.records, produced.seconds, bytesPerRecord),
    );

    const landing = await startLandingProcess({
      label: 'land',
      topic: resources.staged,
      groupId: resources.groupOf(resources.staged),
      expected: produced.records,
    });
    const landSeconds = ((await landing.landed) - landing.readyAt) / 1000;
    const landed = await landing.stop();
    rows.push(stageRow('land: Kafka → raw objects', landed.records, landSeconds, bytesPerRecord));

    if (options.endToEnd) {
      const e2e = await startLandingProcess({
        label: 'end to end (landed)',
        topic: resources.endToEnd,
        groupId: resources.groupOf(resources.endToEnd),
        expected: produced.records,
      });
      const e2eStart = nowMs();
      const e2eProduced = await produceStage({
        label: 'end to end (produced)',
        kafka,
        registry,
        schemaId: schemaIds.get(resources.endToEnd.name)!,
        topic: resources.endToEnd.name,
        recordsByUser,
        runId,
        fetchedAt,
        logger,
      });
      const e2eSeconds = ((await e2e.landed) - e2eStart) / 1000;
      const e2eLanded = await e2e.stop();
      rows.push(
        stageRow(
          '  produce, while landing',
          e2eProduced.records,
          e2eProduced.seconds,
          bytesPerRecord,
        ),
        stageRow('end to end: both at once', e2eLanded.records, e2eSeconds, bytesPerRecord),
      );
    }

    let nativeRow: StageRow | undefined;
    if (options.native) {
      say(
        `Kafka ProducerPerformance: ${formatInteger(produced.records)} records of ${Math.round(bytesPerRecord)} B, acks=all…`,
      );
      const native = await runProducerPerformance({
        config,
        topic: resources.native.name,
        records: produced.records,
        recordSize: Math.round(bytesPerRecord),
        onLine: (line) => say(`  native: ${line}`),
      });
      nativeRow = {
        stage: 'Kafka ProducerPerformance',
        records: native.records,
        recordsPerSecond: native.recordsPerSecond,
        mbPerSecond: native.mbPerSecond,
      };
      rows.push(nativeRow);
    }

    const producedRow = rows[0]!;
    const endToEndRow = rows.find((r) => r.stage.startsWith('end to end')) ?? rows[1]!;
    const otherWork = produced.seconds - work.validateSeconds - work.encodeSeconds;
    const lines = [
      '',
      `Ingestion benchmark: ${formatInteger(produced.records)} recent-plays records, ${options.users} users, ` +
        `${resources.staged.partitions} partitions, acks=all, Avro values of ${Math.round(bytesPerRecord)} B on average`,
      '',
      formatTable(rows),
      '',
      ...(nativeRow
        ? [
            `ours/native (produce stage vs ProducerPerformance): ` +
              verdict(
                `${(producedRow.recordsPerSecond / nativeRow.recordsPerSecond).toFixed(2)}×`,
                producedRow.recordsPerSecond >= TARGET_NATIVE_RATIO * nativeRow.recordsPerSecond,
                `≥ ${TARGET_NATIVE_RATIO}×`,
              ),
          ]
        : []),
      `${endToEndRow.stage.split(':')[0]} records/s: ` +
        verdict(
          formatInteger(endToEndRow.recordsPerSecond),
          endToEndRow.recordsPerSecond >= TARGET_RECORDS_PER_SECOND,
          `≥ ${formatInteger(TARGET_RECORDS_PER_SECOND)}`,
        ),
      '',
      `where the produce stage's ${produced.seconds.toFixed(2)} s go (the first two timed alone on the same records):`,
      `  Avro check (recordProblems)      ${work.validateSeconds.toFixed(2)} s`,
      `  Avro encode (encodeWireValues)   ${work.encodeSeconds.toFixed(2)} s   (registry.encode, used before: ${work.registryEncodeSeconds.toFixed(2)} s)`,
      `  kafkajs send and broker, rest    ${Math.max(0, otherWork).toFixed(2)} s`,
      `land stage: consumer joined its group in ${landing.joinSeconds.toFixed(2)} s (not in its time); ` +
        `${formatInteger(landed.objects)} raw objects, ${(landed.ndjsonBytes / 1024 / 1024).toFixed(1)} MB of NDJSON`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    say('removing the run’s topics, consumer groups, raw objects and schema subjects…');
    const problems = await cleanUp();
    for (const problem of problems) say(`  cleanup: ${problem}`);
  }
}

await runBenchmarkMain({ parse: parseBenchOptions, usage: USAGE, run: runBenchmark });
