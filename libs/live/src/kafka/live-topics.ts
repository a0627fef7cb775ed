import { sourceTopicSpec } from '@spotify-insights/ingestion';
import { DEFAULT_TOPIC_SETTINGS, type TopicSpec } from '@spotify-insights/streaming';

/*
 * Why replays have a topic of their own: the streaming-history topic is landed in raw
 * and loaded into the warehouse. A replay published there would change nothing in the
 * warehouse (the transform keeps one row per play grain) but would write a second copy
 * of the history into the raw bucket at every replay. Here it feeds the live view only:
 * no consumer lands it. Its values use the streaming-history schema.
 */
export const REPLAY_TOPIC = 'spotify.replay-plays.v1';

/** A week of replays, like other topics' default: the aggregator rebuilds from it on start. */
export function replayTopicSpec(name: string = REPLAY_TOPIC): TopicSpec {
  return {
    name,
    partitions: DEFAULT_TOPIC_SETTINGS.partitions,
    retentionMs: DEFAULT_TOPIC_SETTINGS.retentionMs,
  };
}

/** Every topic that carries plays: what the live aggregator reads by default. */
export function livePlayTopicSpecs(): TopicSpec[] {
  return [sourceTopicSpec('recent-plays'), sourceTopicSpec('streaming-history'), replayTopicSpec()];
}
