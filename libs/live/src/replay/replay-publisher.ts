import { setTimeout as sleep } from 'node:timers/promises';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import { encodeWireValues } from '@spotify-insights/ingestion';
import { avroType, readSchema, type StreamingHistoryPlay } from '@spotify-insights/schemas';
import {
  createIdempotentProducer,
  ensureTopics,
  registerValueSchema,
  type TopicSpec,
} from '@spotify-insights/streaming';
import { replayTopicSpec } from '../kafka/live-topics.ts';
import { dueUntil, replayOffsets, type ReplaySpeed } from './replay-schedule.ts';

/** At most this many plays per send: a `max` replay sends full chunks, a paced one what is due. */
const CHUNK = 1_000;
/** A paced replay never sleeps longer than this at once, so it notices an abort soon. */
const MAX_SLEEP_MS = 250;

export interface ReplayProgress {
  sent: number;
  total: number;
  /** Event time of the last play sent (epoch ms). */
  eventTime: number;
}

export interface ReplayRequest {
  kafka: Kafka;
  registry: SchemaRegistry;
  /** Sorted by `ts` (event time), oldest first. */
  plays: readonly StreamingHistoryPlay[];
  speed: ReplaySpeed;
  /** Event-time silences longer than this are shortened to it (see replayOffsets). */
  maxGapMs?: number;
  /** The replay topic unless a test or benchmark needs its own. */
  topic?: TopicSpec;
  onProgress?: (progress: ReplayProgress) => void;
  /** Called after each send is acknowledged, with the plays and when the send began. */
  onSent?: (plays: readonly StreamingHistoryPlay[], sentAt: number) => void;
  signal?: AbortSignal;
}

export interface ReplayOutcome {
  sent: number;
  seconds: number;
  aborted: boolean;
}

/**
 * Publishes plays into the replay topic in event-time order at a speed: each play is
 * sent when its offset (replayOffsets) has passed, key = user id, Avro in the
 * streaming-history schema, acks from all replicas. `fetched_at` becomes the moment the
 * replay sent it, so a consumer can see how late it arrived.
 */
export async function replayPlays(request: ReplayRequest): Promise<ReplayOutcome> {
  const topic = request.topic ?? replayTopicSpec();
  const admin = request.kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, [topic]);
  } finally {
    await admin.disconnect();
  }
  const type = avroType('streaming-history');
  const schemaId = await registerValueSchema(
    request.registry,
    topic.name,
    readSchema('streaming-history'),
  );
  const producer = createIdempotentProducer(request.kafka);
  await producer.connect();

  const { plays } = request;
  const offsets = replayOffsets(
    plays.map((p) => p.ts),
    request.speed,
    request.maxGapMs,
  );
  const started = performance.now();
  let sent = 0;
  try {
    while (sent < plays.length && !request.signal?.aborted) {
      const elapsed = performance.now() - started;
      const end = dueUntil(offsets, sent, elapsed, CHUNK);
      if (end === sent) {
        await sleep(Math.min(MAX_SLEEP_MS, Math.max(1, offsets[sent]! - elapsed)));
        continue;
      }
      const sentAt = Date.now();
      const batch = plays.slice(sent, end).map((p) => ({ ...p, fetched_at: sentAt }));
      const values = encodeWireValues(type, schemaId, batch);
      await producer.send({
        topic: topic.name,
        acks: -1,
        messages: batch.map((p, i) => ({ key: p.user_id, value: values[i]! })),
      });
      sent = end;
      request.onSent?.(batch, sentAt);
      request.onProgress?.({ sent, total: plays.length, eventTime: batch[batch.length - 1]!.ts });
    }
  } finally {
    await producer.disconnect();
  }
  return {
    sent,
    seconds: (performance.now() - started) / 1000,
    aborted: sent < plays.length,
  };
}
