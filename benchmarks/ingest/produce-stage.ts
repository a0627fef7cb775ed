import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka, Producer } from 'kafkajs';
import { runProducerCycle } from '@spotify-insights/ingestion';
import type { Logger } from '@spotify-insights/logging';
import type { RecentPlay } from '@spotify-insights/schemas';
import type { SpotifyClient } from '@spotify-insights/spotify';
import { createIdempotentProducer } from '@spotify-insights/streaming';
import { createProgress } from './progress.ts';
import { InMemoryCheckpointStore, syntheticRecentPlaysSource } from './synthetic-source.ts';

export interface ProduceStageOptions {
  label: string;
  kafka: Kafka;
  registry: SchemaRegistry;
  schemaId: number;
  topic: string;
  recordsByUser: Map<string, RecentPlay[]>;
  runId: string;
  fetchedAt: Date;
  logger: Logger;
}

export interface ProduceStageResult {
  records: number;
  seconds: number;
}

/**
 * One producer cycle of the real runtime (validate, encode, send in chunks with acks from
 * all replicas, checkpoint) for every synthetic user, timed from the cycle's start until
 * Kafka acknowledged the last record.
 */
export async function produceStage(options: ProduceStageOptions): Promise<ProduceStageResult> {
  const users = [...options.recordsByUser.keys()];
  const total = users.reduce((n, u) => n + options.recordsByUser.get(u)!.length, 0);
  const producer = createIdempotentProducer(options.kafka);
  await producer.connect();
  const progress = createProgress(options.label, total);
  let acknowledged = 0;
  // The real producer; only wrapped to count acknowledged records for the progress line.
  const counting: Producer = {
    ...producer,
    send: async (record) => {
      const result = await producer.send(record);
      acknowledged += record.messages.length;
      progress.update(acknowledged);
      return result;
    },
  };
  try {
    const started = performance.now();
    const outcomes = await runProducerCycle({
      source: syntheticRecentPlaysSource(options.recordsByUser),
      // The synthetic fetch never calls Spotify; the cycle only passes the client on to it.
      client: {} as SpotifyClient,
      producer: counting,
      registry: options.registry,
      schemaId: options.schemaId,
      checkpoints: new InMemoryCheckpointStore(),
      users,
      runId: options.runId,
      logger: options.logger,
      now: () => options.fetchedAt,
      topic: options.topic,
    });
    const seconds = (performance.now() - started) / 1000;
    progress.finish();
    const failed = outcomes.filter((o) => o.status !== 'ok' || o.deadLettered > 0);
    if (failed.length > 0) {
      throw new Error(
        `${failed.length} users did not send cleanly, e.g. ${JSON.stringify(failed[0])}`,
      );
    }
    return { records: outcomes.reduce((n, o) => n + o.sent, 0), seconds };
  } finally {
    await producer.disconnect();
  }
}
