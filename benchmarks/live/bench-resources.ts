import type { Kafka } from 'kafkajs';
import { replayTopicSpec } from '@spotify-insights/live';
import { valueSubject, type TopicSpec } from '@spotify-insights/streaming';
import { bestEffort } from '../shared/best-effort.ts';

/** The run's topics and groups, named after it so runs never meet; removed at the end. */
export interface BenchResources {
  replay: TopicSpec;
  baseline: TopicSpec;
  groupOf(topic: TopicSpec): string;
}

export function benchResources(runTag: string): BenchResources {
  return {
    replay: { ...replayTopicSpec(`bench.live-replay.${runTag}`), retentionMs: 86_400_000 },
    baseline: { ...replayTopicSpec(`bench.live-baseline.${runTag}`), retentionMs: 86_400_000 },
    groupOf: (topic) => `bench-live.${topic.name}`,
  };
}

export async function cleanUpBench(
  kafka: Kafka,
  registryUrl: string,
  resources: BenchResources,
): Promise<string[]> {
  const { problems, attempt } = bestEffort();
  const topics = [resources.replay, resources.baseline];
  const admin = kafka.admin();
  await attempt('connect admin', () => admin.connect());
  const existing = new Set(await admin.listTopics().catch(() => [] as string[]));
  const names = topics.map((t) => t.name).filter((name) => existing.has(name));
  if (names.length > 0) await attempt('delete topics', () => admin.deleteTopics({ topics: names }));
  const { groups } = await admin.listGroups().catch(() => ({ groups: [] }));
  const ours = topics
    .map((t) => resources.groupOf(t))
    .filter((g) => groups.some((k) => k.groupId === g));
  if (ours.length > 0) await attempt('delete consumer groups', () => admin.deleteGroups(ours));
  await admin.disconnect().catch(() => undefined);
  for (const topic of topics) {
    await attempt(`delete subject ${valueSubject(topic.name)}`, async () => {
      const url = `${registryUrl}/subjects/${encodeURIComponent(valueSubject(topic.name))}`;
      await fetch(url, { method: 'DELETE' });
      await fetch(`${url}?permanent=true`, { method: 'DELETE' });
    });
  }
  return problems;
}
