import { loadConfigOrExit } from '@spotify-insights/config';
import { createLakeClient, ensureLakeBuckets } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import type { SourceName } from '@spotify-insights/schemas';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { createRawConsumer } from '../raw/raw-consumer.ts';
import { rawLanderGroup, sourceTopicSpec } from '../topic-specs.ts';

/**
 * The whole of a consumer app: land one source's topic in raw until SIGTERM/SIGINT,
 * which finishes the chunk in hand, commits it and leaves the group (exit 0). A crash
 * exits 1; nothing is lost, the uncommitted chunk is consumed again.
 */
export async function runRawConsumerApp(source: SourceName): Promise<void> {
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

  try {
    await consumer.start();
    logger.info('consuming', {
      topic: sourceTopicSpec(source).name,
      groupId: rawLanderGroup(source),
    });
  } catch (error) {
    logger.error('could not start', { error });
    process.exit(1);
  }
}
