import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import type { Client } from 'minio';
import { createRawConsumer } from '@spotify-insights/ingestion';
import { LAKE_BUCKETS, listObjectKeys } from '@spotify-insights/lake';
import type { Logger } from '@spotify-insights/logging';
import type { TopicSpec } from '@spotify-insights/streaming';
import { nowMs } from './clock.ts';
import { createProgress } from './progress.ts';

export interface LandingOptions {
  label: string;
  kafka: Kafka;
  registry: SchemaRegistry;
  lake: Client;
  topic: TopicSpec;
  groupId: string;
  expected: number;
  logger: Logger;
}

export interface LandedCounts {
  records: number;
  /** Objects listed under the topic's prefix in the raw bucket after the consumer left. */
  objects: number;
  ndjsonBytes: number;
}

export interface Landing {
  /** Seconds from `startLanding` until the consumer had joined its group and was fetching. */
  joinSeconds: number;
  /** `nowMs()` when the consumer was ready (joined, fetching). */
  readyAt: number;
  /** Resolves with `nowMs()` once `expected` records are stored and committed. */
  landed: Promise<number>;
  /** Leaves the group, then checks every object the consumer reported is in the bucket. */
  stop(): Promise<LandedCounts>;
}

/** If no chunk is stored for this long, the stage has stalled: fail instead of waiting forever. */
const STALL_MS = 120_000;

/**
 * Starts the real consumer runtime (decode, NDJSON per user and day, manifest, put,
 * commit) on a topic and counts the records of every object it reports stored. Counting
 * by object key means a chunk written twice is not counted twice.
 */
export async function startLanding(options: LandingOptions): Promise<Landing> {
  const objects = new Map<string, { records: number; bytes: number }>();
  let records = 0;
  // Its clock starts before the consumer joins; the table's times start after.
  const progress = createProgress(options.label, options.expected);
  let lastChunkAt = nowMs();
  let resolveLanded!: (at: number) => void;
  let rejectLanded!: (error: Error) => void;
  const landed = new Promise<number>((resolve, reject) => {
    resolveLanded = resolve;
    rejectLanded = reject;
  });

  const consumer = createRawConsumer({
    kafka: options.kafka,
    registry: options.registry,
    lake: options.lake,
    topic: options.topic,
    groupId: options.groupId,
    logger: options.logger,
    onChunkStored: (stored) => {
      lastChunkAt = nowMs();
      for (const object of stored.objects) {
        if (objects.has(object.key)) continue;
        objects.set(object.key, { records: object.records, bytes: Buffer.byteLength(object.body) });
        records += object.records;
      }
      progress.update(records);
      if (records >= options.expected) {
        progress.finish();
        resolveLanded(lastChunkAt);
      }
    },
  });

  const started = nowMs();
  await consumer.start();
  const readyAt = nowMs();
  lastChunkAt = readyAt;
  const watchdog = setInterval(() => {
    if (nowMs() - lastChunkAt > STALL_MS) {
      rejectLanded(
        new Error(
          `${options.label}: no chunk stored for ${STALL_MS / 1000} s at ${records} records`,
        ),
      );
    }
  }, 1_000);
  const stopWatchdog = () => clearInterval(watchdog);
  landed.then(stopWatchdog, stopWatchdog);

  return {
    joinSeconds: (readyAt - started) / 1000,
    readyAt,
    landed,
    async stop() {
      stopWatchdog();
      await consumer.stop();
      const listed = new Set(
        await listObjectKeys(options.lake, LAKE_BUCKETS.raw, `${options.topic.name}/`),
      );
      const missing = [...objects.keys()].filter((key) => !listed.has(key));
      if (missing.length > 0) {
        throw new Error(
          `${missing.length} objects reported stored are not in raw, e.g. ${missing[0]}`,
        );
      }
      const ndjsonBytes = [...objects.values()].reduce((n, o) => n + o.bytes, 0);
      return { records, objects: listed.size, ndjsonBytes };
    },
  };
}
