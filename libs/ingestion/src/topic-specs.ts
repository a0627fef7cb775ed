import { sourceTopic, type TopicSourceName } from '@spotify-insights/schemas';
import { DEFAULT_TOPIC_SETTINGS, type TopicSpec } from '@spotify-insights/streaming';

/**
 * Every source topic: three partitions (so three consumers can share one in a group;
 * key = user id keeps a user's events in order) and two weeks of retention, enough to
 * re-land raw after an outage without keeping a second copy of the lake in Kafka.
 */
export function sourceTopicSpec(source: TopicSourceName): TopicSpec {
  return {
    name: sourceTopic(source),
    partitions: DEFAULT_TOPIC_SETTINGS.partitions,
    retentionMs: 14 * 86_400_000,
  };
}

/** The consumer group that lands a source in the raw bucket; scale out by starting more of it. */
export function rawLanderGroup(source: TopicSourceName): string {
  return `raw-lander.${source}`;
}

/** Records that cannot go to (or come from) a topic in its schema go here, with the reason. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/** A dead-letter topic: one partition (it is read by people, not scaled), kept a month. */
export function deadLetterTopicSpec(topic: string): TopicSpec {
  return { name: deadLetterTopicOf(topic), partitions: 1, retentionMs: 30 * 86_400_000 };
}
