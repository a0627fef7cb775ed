import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfigOrExit } from '@spotify-insights/config';
import { createLakeClient, ensureLakeBuckets } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import type { TopicSourceName } from '@spotify-insights/schemas';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { createRawConsumer } from '../raw/raw-consumer.ts';
import { rawLanderGroup, sourceTopicSpec } from '../topic-specs.ts';

/** Kafka says retriable, or the topic is not in the broker's metadata yet (code 3). */
function isRetriableKafkaError(error: unknown): boolean {
  const e = error as { retriable?: boolean; type?: string; code?: number };
  return e.retriable === true || e.type === 'UNKNOWN_TOPIC_OR_PARTITION' || e.code === 3;
}

/**
 * The whole of a consumer app: land one source's topic in raw until SIGTERM/SIGINT,
 * which finishes the chunk in hand, commits it and leaves the group (exit 0). A crash
 * exits 1; nothing is lost, the uncommitted chunk is consumed again.
 */
export async function runRawConsumerApp(source: TopicSourceName): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(`consumer-${source}`, { level: config.logLevel });
  const lake = createLakeClient(config.lake);
  await ensureLakeBuckets(lake);
  const consumer = createRawConsumer({
    kafka: createKafka(config.kafka, logger),
    registry: createSchemaRegistry(config.schemaRegistry),
    lake,
    topic: sourceTopicSpec(source),
    groupId: rawLanderGroup(source),
    logger,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await consumer.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  // On a fresh cluster, eight apps creating topics at once can meet errors Kafka marks
  // retriable (a topic or coordinator not served yet): start again for up to a minute.
  const deadline = Date.now() + 60_000;
  for (let attempt = 1; ; attempt++) {
    try {
      await consumer.start();
      logger.info('consuming', {
        topic: sourceTopicSpec(source).name,
        groupId: rawLanderGroup(source),
      });
      return;
    } catch (error) {
      await consumer.stop().catch(() => undefined);
      if (!isRetriableKafkaError(error) || stopping || Date.now() > deadline) {
        logger.error('could not start', { error });
        process.exit(1);
      }
      logger.warn('start failed with a retriable error; trying again', { attempt, error });
      await sleep(Math.min(5000, 500 * attempt));
    }
  }
}
