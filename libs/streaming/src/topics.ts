import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import { StreamingError } from './streaming-error.ts';

/**
 * A topic as our code declares it. Topics are created by the apps from these specs
 * (the broker's auto-create is off), so partitions and retention are reviewed in code.
 */
export interface TopicSpec {
  name: string;
  partitions: number;
  /** -1 keeps records forever. */
  retentionMs: number;
  cleanupPolicy?: 'delete' | 'compact';
}

export const DEFAULT_TOPIC_SETTINGS = {
  partitions: 3,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
} as const;

function configEntries(spec: TopicSpec) {
  return [
    { name: 'retention.ms', value: String(spec.retentionMs) },
    { name: 'cleanup.policy', value: spec.cleanupPolicy ?? 'delete' },
  ];
}

/**
 * createTopics returns once leaders are elected, but the broker can still answer
 * UNKNOWN_TOPIC_OR_PARTITION for a moment to a client that subscribes right away.
 */
async function waitUntilServed(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      const { topics: served } = await admin.fetchTopicMetadata({ topics });
      if (served.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
        return;
    } catch {
      // not served yet
    }
    await sleep(100);
  }
  throw new StreamingError(
    'TOPIC_MISCONFIGURED',
    `topics ${topics.join(', ')} were created but are not served`,
    {
      topics,
    },
  );
}

/**
 * Creates the missing topics. An existing topic with fewer partitions than declared is
 * an error: silently keeping it would break per-user ordering assumptions downstream.
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(s.name));
  if (missing.length > 0) {
    try {
      await admin.createTopics({
        // kafkajs' own wait for leaders throws UNKNOWN_TOPIC_OR_PARTITION when several
        // processes create topics at once on a fresh cluster; waitUntilServed polls instead.
        waitForLeaders: false,
        topics: missing.map((spec) => ({
          topic: spec.name,
          numPartitions: spec.partitions,
          replicationFactor: -1,
          configEntries: configEntries(spec),
        })),
      });
    } catch (error) {
      // Another process creating the same topics at the same moment is fine.
      if ((error as { retriable?: boolean }).retriable !== true) throw error;
    }
    await waitUntilServed(
      admin,
      missing.map((s) => s.name),
    );
  }
  const present = specs.filter((s) => existing.has(s.name));
  if (present.length > 0) {
    const { topics } = await admin.fetchTopicMetadata({ topics: present.map((s) => s.name) });
    for (const topic of topics) {
      const spec = present.find((s) => s.name === topic.name)!;
      if (topic.partitions.length < spec.partitions) {
        throw new StreamingError(
          'TOPIC_MISCONFIGURED',
          `topic ${topic.name} has ${topic.partitions.length} partitions, ${spec.partitions} declared`,
          { topic: topic.name },
        );
      }
    }
  }
  return missing.map((s) => s.name);
}
