import { randomUUID } from 'node:crypto';
import { loadConfig } from '@spotify-insights/config';
import { encodeWireValues } from '@spotify-insights/ingestion';
import { playGrain, replayPlays } from '@spotify-insights/live';
import { createLogger } from '@spotify-insights/logging';
import { avroType, readSchema } from '@spotify-insights/schemas';
import {
  createKafka,
  createSchemaRegistry,
  ensureTopics,
  registerValueSchema,
} from '@spotify-insights/streaming';
import { runBenchmarkMain } from '../shared/run-main.ts';
import { formatInteger } from '../shared/text-table.ts';
import { sendPaced } from './bare-producer.ts';
import { benchResources, cleanUpBench } from './bench-resources.ts';
import { parseBenchOptions, USAGE, type BenchOptions } from './bench-options.ts';
import { startConsumerSide } from './consumer-side.ts';
import { formatLatencyTable, summarize, type LatencyRow } from './latency.ts';
import { followLiveStream } from './sse-client.ts';
import { syntheticHistory } from './synthetic-history.ts';

/*
 * The live benchmark (issue 6): a history replayed at `rate` plays a second through
 * Kafka into the stream aggregator and out of its SSE stream; for every play, the time
 * from the producer's send to the first `top` update that includes it (the play's grain
 * in the update). The baseline, in the same run: the same values on the same schedule
 * through bare kafkajs, produce → consume, no decoding, no aggregator, no SSE.
 */
const TARGET_P99_MS = 1_000;
/**
 * Between a consumer joining its group and its first fetches settling (partition
 * assignment, offset look-ups) a few hundred ms pass; sends start after that, in both runs.
 */
const SETTLE_MS = 2_000;
/** After the last send, how long to wait for the last plays to show. */
const DRAIN_MS = 30_000;

const loop = (d: { p50: number; p99: number; max: number }) =>
  `${d.p50.toFixed(0)}/${d.p99.toFixed(0)}/${d.max.toFixed(0)} ms`;
const say = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runBenchmark(options: BenchOptions): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('bench-live', { level: 'warn' });
  const kafka = createKafka(config.kafka, logger);
  const registry = createSchemaRegistry(config.schemaRegistry);
  const runTag = `${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 6)}`;
  const resources = benchResources(runTag);
  let cleaning: Promise<string[]> | undefined;
  const cleanUp = () => (cleaning ??= cleanUpBench(kafka, config.schemaRegistry.url, resources));
  process.once('SIGINT', () => {
    say('\ninterrupted: removing what this run created…');
    void cleanUp().finally(() => process.exit(130));
  });

  try {
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [resources.replay, resources.baseline]).finally(() =>
      admin.disconnect(),
    );
    const total = options.rate * options.seconds;
    say(`building ${formatInteger(total)} synthetic plays for ${options.users} users…`);
    const plays = syntheticHistory({
      plays: total,
      users: options.users,
      tracks: options.tracks,
      runId: `bench-${runTag}`,
    });
    // One play per second of event time: replayed at `rate`×, `rate` plays a second.
    const speed = options.rate;
    const rows: LatencyRow[] = [];

    let baselineP99: number | undefined;
    let baselineLoop: { p50: number; p99: number; max: number } | undefined;
    let baselineCpu: number | undefined;
    if (options.baseline) {
      say(`baseline: bare kafkajs produce → consume, ${options.rate}/s for ${options.seconds} s…`);
      const schemaId = await registerValueSchema(
        registry,
        resources.replay.name,
        readSchema('streaming-history'),
      );
      const values = encodeWireValues(avroType('streaming-history'), schemaId, plays);
      const side = await startConsumerSide({
        mode: 'baseline',
        topic: resources.baseline,
        groupId: resources.groupOf(resources.baseline),
        expected: total,
        intervalMs: options.intervalMs,
      });
      await sleep(SETTLE_MS);
      const sentAt = await sendPaced({
        kafka,
        topic: resources.baseline.name,
        keys: plays.map((p) => p.user_id),
        values,
        eventTimes: plays.map((p) => p.ts),
        speed,
      });
      await Promise.race([side.done, sleep(DRAIN_MS)]);
      const { received, loopDelayMs, cpuMicros } = await side.stop();
      baselineLoop = loopDelayMs;
      baselineCpu = cpuMicros / total;
      const samples = received.map(([i, at]) => at - sentAt[i]!);
      rows.push({
        stage: 'baseline: bare kafkajs produce → consume',
        samples,
        missing: total - new Set(received.map(([i]) => i)).size,
      });
      baselineP99 = summarize(samples).p99;
    }

    say(`live: replay → Kafka → aggregator → SSE, ${options.rate}/s for ${options.seconds} s…`);
    const side = await startConsumerSide({
      mode: 'live',
      topic: resources.replay,
      groupId: resources.groupOf(resources.replay),
      expected: total,
      intervalMs: options.intervalMs,
    });
    const stream = await followLiveStream(`${side.url!}?window=5m&limit=10&plays=true`);
    await sleep(SETTLE_MS);
    const sentAt = new Map<string, number>();
    const started = performance.now();
    const outcome = await replayPlays({
      kafka,
      registry,
      plays,
      speed,
      topic: resources.replay,
      onSent: (batch, at) => {
        for (const p of batch)
          sentAt.set(playGrain({ userId: p.user_id, playedAt: p.ts, trackId: p.track_id! }), at);
      },
    });
    const sendSeconds = (performance.now() - started) / 1000;
    const { visibleAt, countedAt } = stream.observations;
    const deadline = Date.now() + DRAIN_MS;
    while (visibleAt.size < total && Date.now() < deadline) await sleep(100);
    stream.close();
    const { stats, loopDelayMs: liveLoop, cpuMicros: liveCpu } = await side.stop();

    const visible: number[] = [];
    const counted: number[] = [];
    const toClient: number[] = [];
    for (const [grain, sent] of sentAt) {
      const shown = visibleAt.get(grain);
      const count = countedAt.get(grain);
      if (shown !== undefined) visible.push(shown - sent);
      if (count !== undefined) counted.push(count - sent);
      if (shown !== undefined && count !== undefined) toClient.push(shown - count);
    }
    rows.push(
      {
        stage: 'live: send → counted by the aggregator',
        samples: counted,
        missing: total - counted.length,
      },
      {
        stage: '  counted → in a top-N update (SSE)',
        samples: toClient,
        missing: total - toClient.length,
      },
      {
        stage: 'live: send → visible in the top-N (SSE)',
        samples: visible,
        missing: total - visible.length,
      },
    );
    const p99 = summarize(visible).p99;
    const lines = [
      '',
      `Live top-N benchmark: ${formatInteger(total)} plays replayed at ${formatInteger(options.rate)}/s ` +
        `(sent in ${sendSeconds.toFixed(1)} s: ${formatInteger(outcome.sent / sendSeconds)}/s), ${options.users} users, ` +
        `${options.tracks} tracks, ${resources.replay.partitions} partitions, SSE updates at most every ${options.intervalMs} ms`,
      '',
      formatLatencyTable(rows),
      '',
      `aggregator: ${formatInteger(stats?.records ?? 0)} records, ${formatInteger(stats?.counted ?? 0)} counted, ` +
        `${formatInteger(stats?.duplicates ?? 0)} duplicates; ${formatInteger(stream.observations.updates)} top-N updates sent`,
      `consumer process CPU per play: live ${(liveCpu / total).toFixed(0)} µs` +
        (baselineCpu === undefined ? '' : `, bare ${baselineCpu.toFixed(0)} µs`),
      `consumer process event-loop delay p50/p99/max: live ${loop(liveLoop)}` +
        (baselineLoop ? `, bare ${loop(baselineLoop)}` : '') +
        ' (the machine’s load: a late loop delays everything in it)',
      `visible p99: ${p99.toFixed(0)} ms ${p99 <= TARGET_P99_MS ? 'PASS' : 'MISS'} (target ≤ ${TARGET_P99_MS} ms)`,
      ...(baselineP99 === undefined
        ? []
        : [
            `visible p99 / bare kafkajs p99: ${(p99 / Math.max(1, baselineP99)).toFixed(2)}× ` +
              `(${p99.toFixed(0)} ms vs ${baselineP99.toFixed(0)} ms)`,
          ]),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    say('removing the run’s topics, consumer groups and schema subjects…');
    for (const problem of await cleanUp()) say(`  cleanup: ${problem}`);
  }
}

await runBenchmarkMain({ parse: parseBenchOptions, usage: USAGE, run: runBenchmark });
