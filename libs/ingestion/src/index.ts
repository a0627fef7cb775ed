export { createSpotifyContext, type SpotifyContext } from './apps/producer-context.ts';
export { runProducerApp, type ProducerAppOptions } from './apps/run-producer-app.ts';
export { runRawConsumerApp } from './apps/run-raw-consumer-app.ts';
export { chunkBy } from './raw/chunking.ts';
export {
  discardUncommitted,
  manifestKey,
  readManifest,
  writeManifest,
  type PendingManifest,
} from './raw/pending-manifest.ts';
export {
  createRawConsumer,
  DEFAULT_RAW_BATCH,
  type RawBatchSettings,
  type RawConsumer,
  type RawConsumerOptions,
} from './raw/raw-consumer.ts';
export { toRawLine, type DecodedRecord, type RawLine } from './raw/raw-line.ts';
export { rawObjectsFor, type RawObject } from './raw/raw-objects.ts';
export { readRawLines } from './raw/read-raw-lines.ts';
export { deadLetterTopicOf, rawLanderGroup, sourceTopicSpec } from './topic-specs.ts';
export { PgCheckpointStore, PgTokenKeyValueStore } from './producer/pg-stores.ts';
export {
  runProducerCycle,
  type CheckpointStore,
  type ProducerCycleDeps,
  type ProducibleSource,
  type UserOutcome,
  type UserOutcomeStatus,
} from './producer/producer-cycle.ts';
