import type { AppConfig } from '@spotify-insights/config';
import { createRawConsumer, deadLetterTopicOf, sourceTopicSpec } from '@spotify-insights/ingestion';
import {
  createLakeClient,
  LAKE_BUCKETS,
  listObjectKeys,
  readObjectText,
  removeBucketAndObjects,
} from '@spotify-insights/lake';
import type { Logger } from '@spotify-insights/logging';
import { sourceTopic, type TopicSourceName } from '@spotify-insights/schemas';
import { createKafka, createSchemaRegistry, valueSubject } from '@spotify-insights/streaming';
import type { LakeBuckets } from '@spotify-insights/transform';

/** A topic of the test's own standing in for a source's real one. */
export interface TestTopic {
  name: string;
  source: TopicSourceName;
}

/*
 * The pipeline after Kafka, isolated on the shared stack: a raw consumer on the test's
 * topic (its own group) writes to the fixed raw bucket under that topic's prefix; those
 * objects are copied, under the real topic's prefix, into buckets of the test's own,
 * which the transform reads into a scratch database. Everything is removed by cleanup().
 */
export function testPipeline(config: AppConfig, suffix: string, logger: Logger) {
  const lake = createLakeClient(config.lake);
  const buckets: LakeBuckets = {
    raw: `it-raw-${suffix}`,
    processed: `it-processed-${suffix}`,
    presentation: `it-presentation-${suffix}`,
  };
  const landed: TestTopic[] = [];

  return {
    lake,
    buckets,
    async makeBuckets(): Promise<void> {
      for (const bucket of Object.values(buckets)) await lake.makeBucket(bucket);
    },

    /** Runs a raw consumer on the topic until `expected` records are committed (or a minute). */
    async landInRaw(topic: TestTopic, expected: number): Promise<number> {
      landed.push(topic);
      let committed = 0;
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      const consumer = createRawConsumer({
        kafka: createKafka(config.kafka),
        registry: createSchemaRegistry(config.schemaRegistry),
        lake,
        topic: { ...sourceTopicSpec(topic.source), name: topic.name },
        groupId: `it-${suffix}-${topic.source}`,
        logger,
        batch: { maxWaitMs: 200 },
        onChunkStored: ({ objects }) => {
          committed += objects.reduce((n, o) => n + o.records, 0);
          if (committed >= expected) done();
        },
      });
      await consumer.start();
      const timeout = setTimeout(done, 60_000);
      await finished;
      clearTimeout(timeout);
      await consumer.stop();
      return committed;
    },

    /** Copies the landed topics' raw objects into the test's raw bucket, under the real prefixes. */
    async copyRawObjects(): Promise<number> {
      let copied = 0;
      for (const topic of landed) {
        const keys = await listObjectKeys(lake, LAKE_BUCKETS.raw, `${topic.name}/`);
        for (const key of keys) {
          const body = await readObjectText(lake, LAKE_BUCKETS.raw, key);
          await lake.putObject(
            buckets.raw,
            key.replace(topic.name, sourceTopic(topic.source)),
            body,
          );
        }
        copied += keys.length;
      }
      return copied;
    },

    async cleanup(): Promise<void> {
      for (const topic of landed) {
        const ours = await listObjectKeys(lake, LAKE_BUCKETS.raw, `${topic.name}/`).catch(() => []);
        if (ours.length > 0) await lake.removeObjects(LAKE_BUCKETS.raw, ours);
      }
      for (const bucket of Object.values(buckets)) {
        await removeBucketAndObjects(lake, bucket).catch(() => undefined);
      }
    },
  };
}

/** Deletes a test's topics, their dead-letter topics and their value subjects, best effort. */
export async function deleteTestTopics(
  config: AppConfig,
  topics: readonly string[],
): Promise<void> {
  const admin = createKafka(config.kafka).admin();
  await admin.connect();
  await admin
    .deleteTopics({ topics: topics.flatMap((t) => [t, deadLetterTopicOf(t)]) })
    .catch(() => undefined);
  await admin.disconnect();
  for (const topic of topics) {
    const url = `${config.schemaRegistry.url}/subjects/${valueSubject(topic)}`;
    await fetch(url, { method: 'DELETE' }).catch(() => undefined);
    await fetch(`${url}?permanent=true`, { method: 'DELETE' }).catch(() => undefined);
  }
}
