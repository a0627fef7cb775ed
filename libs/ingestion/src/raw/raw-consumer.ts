import { setTimeout as sleep } from 'node:timers/promises';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Client } from 'minio';
import { LAKE_BUCKETS } from '@spotify-insights/lake';
import type { Logger } from '@spotify-insights/logging';
import {
  createIdempotentProducer,
  ensureTopics,
  readWireHeader,
  type TopicSpec,
} from '@spotify-insights/streaming';
import { deadLetterTopicOf } from '../topic-specs.ts';
import { chunkBy } from './chunking.ts';
import {
  clearManifest,
  discardUncommitted,
  readManifest,
  writeManifest,
} from './pending-manifest.ts';
import { rawObjectsFor, type RawObject } from './raw-objects.ts';
import { itemJsonText, type DecodedRecord } from './raw-line.ts';

export interface RawBatchSettings {
  /** At most this many records per chunk (and so per object). */
  maxRecords: number;
  /** About this many bytes of Kafka values per chunk. */
  maxBytes: number;
  /** How long the broker may hold a fetch to fill it: the time dimension of batching. */
  maxWaitMs: number;
}

export const DEFAULT_RAW_BATCH: RawBatchSettings = {
  maxRecords: 5_000,
  maxBytes: 8 * 1024 * 1024,
  maxWaitMs: 2_000,
};

export interface RawConsumerOptions {
  kafka: Kafka;
  registry: SchemaRegistry;
  lake: Client;
  /** The topic to land; created from this spec when missing, like its dead-letter topic. */
  topic: TopicSpec;
  groupId: string;
  logger: Logger;
  batch?: Partial<RawBatchSettings>;
  /** Where records that cannot be decoded go, with the reason in headers. Default `<topic>.dlq`. */
  deadLetterTopic?: string;
  /** Called after each chunk is stored and committed (for progress and tests). */
  onChunkStored?: (stored: { partition: number; lastOffset: string; objects: RawObject[] }) => void;
}

export interface RawConsumer {
  start(): Promise<void>;
  /** Finishes the chunk in hand, commits it and leaves the group. */
  stop(): Promise<void>;
}

/**
 * A topic just created can still be unknown to the broker's metadata for a moment
 * (KRaft propagates it asynchronously), most visibly when eight apps start together on
 * a fresh cluster. Kafka marks that error retriable; so do we, for up to 30 s.
 */
async function subscribeWhenServed(consumer: Consumer, topic: string, log: Logger): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (let attempt = 1; ; attempt++) {
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      return;
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || Date.now() > deadline) throw error;
      log.info('topic not served yet; retrying subscribe', { attempt });
      await sleep(Math.min(3000, 250 * attempt));
    }
  }
}

type Decoded =
  { ok: true; record: DecodedRecord } | { ok: false; message: KafkaMessage; reason: string };

/**
 * Lands one topic in the raw bucket: decode through the registry, write NDJSON objects
 * per user and day, commit offsets only after MinIO confirmed every write. Undecodable
 * records go to the dead-letter topic; none is dropped silently.
 */
export function createRawConsumer(options: RawConsumerOptions): RawConsumer {
  const settings = { ...DEFAULT_RAW_BATCH, ...options.batch };
  const { groupId, lake, logger } = options;
  const topic = options.topic.name;
  const deadLetterTopic = options.deadLetterTopic ?? deadLetterTopicOf(topic);
  const log = logger.child({ topic, groupId });
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;

  async function decode(message: KafkaMessage): Promise<Decoded> {
    if (!message.value) return { ok: false, message, reason: 'empty value (tombstone)' };
    let schemaId: number;
    try {
      schemaId = readWireHeader(message.value).schemaId;
    } catch (error) {
      return { ok: false, message, reason: (error as Error).message };
    }
    try {
      // Fetches (and caches) the writer schema first, so a registry outage is told apart
      // from a bad record: the outage throws and kafkajs retries the whole batch.
      await options.registry.getSchema(schemaId);
    } catch (error) {
      if ((error as { status?: number }).status === 404) {
        return { ok: false, message, reason: `schema id ${schemaId} is not in the registry` };
      }
      throw error;
    }
    let value: Record<string, unknown>;
    try {
      value = (await options.registry.decode(message.value)) as Record<string, unknown>;
    } catch (error) {
      return {
        ok: false,
        message,
        reason: `cannot decode with schema ${schemaId}: ${(error as Error).message}`,
      };
    }
    // Checked here, once: a record whose item is not JSON would make its raw object
    // unreadable by the transform, and failing the chunk would stop the partition.
    let itemJson: string;
    try {
      itemJson = itemJsonText(value.item_json);
    } catch (error) {
      return { ok: false, message, reason: `item_json is not JSON: ${(error as Error).message}` };
    }
    return { ok: true, record: { offset: message.offset, schemaId, value, itemJson } };
  }

  async function deadLetter(
    partition: number,
    failures: Array<{ message: KafkaMessage; reason: string }>,
  ) {
    if (failures.length === 0) return;
    await producer!.send({
      topic: deadLetterTopic,
      acks: -1,
      messages: failures.map(({ message, reason }) => ({
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          dlq_reason: reason,
          dlq_source_topic: topic,
          dlq_source_partition: String(partition),
          dlq_source_offset: message.offset,
        },
      })),
    });
    log.warn('records sent to the dead-letter topic', {
      partition,
      count: failures.length,
      deadLetterTopic,
    });
  }

  async function storeChunk(partition: number, messages: KafkaMessage[]): Promise<RawObject[]> {
    const decoded = await Promise.all(messages.map(decode));
    const records = decoded.flatMap((d) => (d.ok ? [d.record] : []));
    const failures = decoded.flatMap((d) =>
      d.ok ? [] : [{ message: d.message, reason: d.reason }],
    );
    const objects = rawObjectsFor(topic, partition, records);
    const firstOffset = messages[0]!.offset;
    const lastOffset = messages[messages.length - 1]!.offset;

    const previous = await readManifest(lake, groupId, topic, partition);
    const discarded = await discardUncommitted(lake, previous, firstOffset);
    if (discarded.length > 0)
      log.warn('removed objects of a chunk that was never committed', { partition, discarded });

    await writeManifest(lake, groupId, {
      topic,
      partition,
      firstOffset,
      lastOffset,
      keys: objects.map((o) => o.key),
      writtenAt: new Date().toISOString(),
    });
    await Promise.all(
      objects.map((o) =>
        lake.putObject(LAKE_BUCKETS.raw, o.key, o.body, undefined, {
          'Content-Type': 'application/x-ndjson',
        }),
      ),
    );
    await deadLetter(partition, failures);
    return objects;
  }

  return {
    async start() {
      const admin = options.kafka.admin();
      await admin.connect();
      try {
        await ensureTopics(admin, [
          options.topic,
          // Kept a month: long enough for a person to look at what failed and replay it.
          { name: deadLetterTopic, partitions: 1, retentionMs: 30 * 86_400_000 },
        ]);
      } finally {
        await admin.disconnect();
      }
      producer = createIdempotentProducer(options.kafka);
      await producer.connect();
      consumer = options.kafka.consumer({
        groupId,
        maxWaitTimeInMs: settings.maxWaitMs,
        minBytes: Math.min(settings.maxBytes, 1024 * 1024),
        maxBytesPerPartition: settings.maxBytes,
      });
      await consumer.connect();
      await subscribeWhenServed(consumer, topic, log);
      const running = consumer;
      await running.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const chunks = chunkBy(
            batch.messages,
            (m) => m.value?.length ?? 0,
            settings.maxRecords,
            settings.maxBytes,
          );
          for (const chunk of chunks) {
            if (!isRunning() || isStale()) return;
            const objects = await storeChunk(batch.partition, chunk);
            const lastOffset = chunk[chunk.length - 1]!.offset;
            const next = (BigInt(lastOffset) + 1n).toString();
            await running.commitOffsets([{ topic, partition: batch.partition, offset: next }]);
            await clearManifest(lake, groupId, topic, batch.partition);
            resolveOffset(lastOffset);
            await heartbeat();
            log.info('chunk stored', {
              partition: batch.partition,
              lastOffset,
              objects: objects.length,
              records: chunk.length,
            });
            options.onChunkStored?.({ partition: batch.partition, lastOffset, objects });
          }
        },
      });
    },

    async stop() {
      await consumer?.disconnect();
      await producer?.disconnect();
    },
  };
}
