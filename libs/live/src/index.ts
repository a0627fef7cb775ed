export {
  LiveAggregator,
  type AddOutcome,
  type LiveSnapshot,
  type PlayListener,
  type TopArtist,
  type TopQuery,
  type TopSong,
} from './core/live-aggregator.ts';
export { LIVE_ERROR_CODES, LiveError, type LiveErrorCode } from './core/live-error.ts';
export { playGrain, type LiveArtist, type LivePlay } from './core/live-play.ts';
export { livePlayOf } from './core/play-from-record.ts';
export { RankedCounter, type RankedEntry } from './core/ranked-counter.ts';
export {
  ALL_TIME_WINDOW,
  DEFAULT_WINDOWS,
  parseDurationMs,
  parseWindowSpec,
  type WindowSpec,
} from './core/windows.ts';
export {
  createLiveConsumer,
  type LiveConsumer,
  type LiveConsumerOptions,
  type LiveConsumerStats,
} from './kafka/live-consumer.ts';
export { livePlayTopicSpecs, REPLAY_TOPIC, replayTopicSpec } from './kafka/live-topics.ts';
export {
  replayPlays,
  type ReplayOutcome,
  type ReplayProgress,
  type ReplayRequest,
} from './replay/replay-publisher.ts';
export {
  dueUntil,
  parseReplaySpeed,
  replayOffsets,
  type ReplaySpeed,
} from './replay/replay-schedule.ts';
export {
  LiveUpdateHub,
  type LiveStreamQuery,
  type LiveUpdateHubOptions,
  type PlayArrival,
  type TopUpdate,
} from './sse/live-update-hub.ts';
export { SSE_HEADERS, sseEvent } from './sse/sse-format.ts';
