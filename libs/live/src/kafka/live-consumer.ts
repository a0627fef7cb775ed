import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from '@spotify-insights/logging';
import { ensureTopics, readWireHeader, type TopicSpec } from '@spotify-insights/streaming';
import type { LiveAggregator } from '../core/live-aggregator.ts';
import { livePlayOf } from '../core/play-from-record.ts';
import { livePlayTopicSpecs } from './live-topics.ts';

const JOIN_TIMEOUT_MS = 60_000;
/*
 * Why not answer each fetch as soon as one record is there (Kafka's default): at a
 * thousand plays a second the consumer then sends a fetch request per record or two,
 * and on a loaded machine those socket writes took a fifth of the process's time
 * (profiled in benchmarks/live). Waiting for 16 KB (about 15 plays) or 50 ms costs at
 * most 50 ms, and mostly far less.
 */
const DEFAULT_MIN_BYTES = 16 * 1024;
const DEFAULT_MAX_WAIT_MS = 50;
/** Magic byte and schema id before the Avro bytes (Confluent wire format). */
const WIRE_HEADER_BYTES = 5;

/** The part of an avsc type used here (what the registry client hands back for Avro). */
interface AvroType {
  fromBuffer(buffer: Buffer): unknown;
}

function schemaIdOf(value: Buffer | null): number | undefined {
  if (!value) return undefined;
  try {
    return readWireHeader(value).schemaId;
  } catch {
    return undefined;
  }
}

export interface LiveConsumerOptions {
  kafka: Kafka;
  registry: SchemaRegistry;
  aggregator: LiveAggregator;
  logger: Logger;
  /** The play topics to read; by default recent plays, streaming history and replays. */
  topics?: readonly TopicSpec[];
  /** Default: a group of its own per start (see below). */
  groupId?: string;
  /** How long the broker may hold a fetch until `minBytes` are there (the added latency, at most). */
  maxWaitMs?: number;
  /** What a fetch waits for (up to `maxWaitMs`); see DEFAULT_MIN_BYTES. */
  minBytes?: number;
}

export interface LiveConsumerStats {
  records: number;
  counted: number;
  duplicates: number;
  /** Podcast episodes, local files: plays the top-N does not rank. */
  skipped: number;
  /** Values that could not be decoded (the raw landers dead-letter them; here they are only counted). */
  undecodable: number;
}

export interface LiveConsumer {
  readonly groupId: string;
  readonly stats: Readonly<LiveConsumerStats>;
  /** Resolves once the consumer has joined its group and fetches. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/*
 * The aggregator's state lives in memory, so a start rebuilds it: a fresh consumer group
 * read from the beginning of every play topic (their retention bounds "all time"), and
 * nothing committed, so no group is left behind with offsets when the process stops.
 * The dedupe by grain makes a record read twice harmless anyway.
 */
/** Feeds the aggregator from the play topics, decoding through the schema registry. */
export function createLiveConsumer(options: LiveConsumerOptions): LiveConsumer {
  const topics = options.topics ?? livePlayTopicSpecs();
  const groupId = options.groupId ?? `live-aggregator.${randomUUID()}`;
  const log = options.logger.child({ groupId, topics: topics.map((t) => t.name) });
  const stats: LiveConsumerStats = {
    records: 0,
    counted: 0,
    duplicates: 0,
    skipped: 0,
    undecodable: 0,
  };
  let consumer: Consumer | undefined;

  /** Writer schemas by id, as avsc types: decoding is then synchronous, no promise a record. */
  const types = new Map<number, AvroType>();

  /** The writer schema of `schemaId`, null when the registry does not know it. */
  async function writerType(schemaId: number): Promise<AvroType | null> {
    try {
      return (await options.registry.getSchema(schemaId)) as unknown as AvroType;
    } catch (error) {
      // Any other failure is the registry not answering, not a bad record: it throws,
      // and kafkajs retries the batch.
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  }

  /** Each value decoded with its writer schema; undefined for what cannot be. */
  async function decodeAll(
    messages: readonly KafkaMessage[],
  ): Promise<Array<Record<string, unknown> | undefined>> {
    const ids = messages.map((m) => schemaIdOf(m.value));
    for (const id of new Set(ids)) {
      if (id === undefined || types.has(id)) continue;
      const type = await writerType(id);
      if (type) types.set(id, type);
    }
    return messages.map((message, i) => {
      const type = ids[i] === undefined ? undefined : types.get(ids[i]!);
      if (!type) return undefined;
      try {
        return type.fromBuffer(message.value!.subarray(WIRE_HEADER_BYTES)) as Record<
          string,
          unknown
        >;
      } catch {
        return undefined;
      }
    });
  }

  function take(value: Record<string, unknown> | undefined): void {
    stats.records++;
    if (!value) {
      stats.undecodable++;
      return;
    }
    const play = livePlayOf(value);
    if (!play) {
      stats.skipped++;
      return;
    }
    if (options.aggregator.add(play) === 'counted') stats.counted++;
    else stats.duplicates++;
  }

  return {
    groupId,
    stats,
    async start() {
      const admin = options.kafka.admin();
      await admin.connect();
      try {
        await ensureTopics(admin, topics);
      } finally {
        await admin.disconnect();
      }
      consumer = options.kafka.consumer({
        groupId,
        maxWaitTimeInMs: options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS,
        minBytes: options.minBytes ?? DEFAULT_MIN_BYTES,
      });
      const running = consumer;
      const joined = new Promise<void>((resolve) => {
        running.on(running.events.GROUP_JOIN, () => resolve());
      });
      await running.connect();
      await subscribeWhenServed(running, topics, log);
      await running.run({
        autoCommit: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const values = await decodeAll(batch.messages);
          for (let i = 0; i < values.length; i++) {
            if (!isRunning() || isStale()) return;
            take(values[i]);
            resolveOffset(batch.messages[i]!.offset);
          }
          await heartbeat();
        },
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`live consumer did not join group ${groupId} in time`)),
          JOIN_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([joined, timeout]);
      } finally {
        clearTimeout(timer);
      }
      log.info('live aggregator consuming');
    },
    async stop() {
      await consumer?.disconnect();
    },
  };
}

/** A topic just created can be unknown to the broker's metadata for a moment: retry. */
async function subscribeWhenServed(
  consumer: Consumer,
  topics: readonly TopicSpec[],
  log: Logger,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (let attempt = 1; ; attempt++) {
    try {
      await consumer.subscribe({ topics: topics.map((t) => t.name), fromBeginning: true });
      return;
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || Date.now() > deadline) throw error;
      log.info('topics not served yet; retrying subscribe', { attempt });
      await sleep(Math.min(3000, 250 * attempt));
    }
  }
}
