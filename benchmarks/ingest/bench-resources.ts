import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import type { Client } from 'minio';
import { deadLetterTopicOf, manifestKey } from '@spotify-insights/ingestion';
import { LAKE_BUCKETS, listObjectKeys } from '@spotify-insights/lake';
import { readSchema } from '@spotify-insights/schemas';
import {
  ensureTopics,
  registerValueSchema,
  valueSubject,
  type TopicSpec,
} from '@spotify-insights/streaming';
import { bestEffort } from '../shared/best-effort.ts';

/**
 * Everything one benchmark run creates on the shared stack, named after the run so runs
 * (and other people's tests) never meet, and removed at the end.
 */
export interface BenchResources {
  /** Produced to, then landed: the two stages measured one after the other. */
  staged: TopicSpec;
  /** Producer and consumer at the same time. */
  endToEnd: TopicSpec;
  /** Kafka's ProducerPerformance writes here (random bytes, no schema). */
  native: TopicSpec;
  groupOf(topic: TopicSpec): string;
}

const PARTITIONS = 3;
const RETENTION_MS = 86_400_000;

export function benchResources(runTag: string): BenchResources {
  const spec = (name: string): TopicSpec => ({
    name: `bench.${name}.${runTag}`,
    partitions: PARTITIONS,
    retentionMs: RETENTION_MS,
  });
  return {
    staged: spec('recent-plays'),
    endToEnd: spec('recent-plays-e2e'),
    native: spec('native'),
    groupOf: (topic) => `bench-raw-lander.${topic.name}`,
  };
}

/** Creates the topics and registers the recent-plays value schema under `<topic>-value`. */
export async function createBenchTopics(
  kafka: Kafka,
  registry: SchemaRegistry,
  topics: readonly TopicSpec[],
  avroTopics: readonly TopicSpec[],
): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, topics);
  } finally {
    await admin.disconnect();
  }
  const schemaIds = new Map<string, number>();
  for (const topic of avroTopics) {
    schemaIds.set(
      topic.name,
      await registerValueSchema(registry, topic.name, readSchema('recent-plays')),
    );
  }
  return schemaIds;
}

export interface CleanUpTargets {
  kafka: Kafka;
  lake: Client;
  registryUrl: string;
  resources: BenchResources;
}

/** Best effort, every step on its own: one failure must not leave the rest behind. */
export async function cleanUpBench(targets: CleanUpTargets): Promise<string[]> {
  const { kafka, lake, registryUrl, resources } = targets;
  const { problems, attempt } = bestEffort();
  const avroTopics = [resources.staged, resources.endToEnd];
  const allTopics = [...avroTopics, resources.native];

  const admin = kafka.admin();
  await attempt('connect admin', () => admin.connect());
  const existing = new Set(await admin.listTopics().catch(() => [] as string[]));
  const topicNames = allTopics
    .flatMap((t) => [t.name, deadLetterTopicOf(t.name)])
    .filter((name) => existing.has(name));
  if (topicNames.length > 0)
    await attempt('delete topics', () => admin.deleteTopics({ topics: topicNames }));
  const groups = avroTopics.map((t) => resources.groupOf(t));
  const { groups: known } = await admin.listGroups().catch(() => ({ groups: [] }));
  const ours = groups.filter((g) => known.some((k) => k.groupId === g));
  if (ours.length > 0) await attempt('delete consumer groups', () => admin.deleteGroups(ours));
  await admin.disconnect().catch(() => undefined);

  for (const topic of avroTopics) {
    await attempt(`remove raw objects of ${topic.name}`, async () => {
      const keys = await listObjectKeys(lake, LAKE_BUCKETS.raw, `${topic.name}/`);
      const manifests = Array.from({ length: topic.partitions }, (_, p) =>
        manifestKey(resources.groupOf(topic), topic.name, p),
      );
      await lake.removeObjects(LAKE_BUCKETS.raw, [...keys, ...manifests]);
    });
    // Soft delete, then permanent, as the Confluent API asks; the content other subjects
    // share (the same schema text) stays.
    await attempt(`delete subject ${valueSubject(topic.name)}`, async () => {
      const url = `${registryUrl}/subjects/${encodeURIComponent(valueSubject(topic.name))}`;
      await fetch(url, { method: 'DELETE' });
      await fetch(`${url}?permanent=true`, { method: 'DELETE' });
    });
  }
  return problems;
}
