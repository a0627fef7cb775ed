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
export {
  deadLetterTopicOf,
  deadLetterTopicSpec,
  rawLanderGroup,
  sourceTopicSpec,
} from './topic-specs.ts';
export { findStreamingHistoryFiles, STREAMING_HISTORY_FILE } from './import/history-files.ts';
export {
  IMPORT_ERROR_CODES,
  ImportError,
  type FilePosition,
  type ImportErrorCode,
} from './import/import-error.ts';
export { streamJsonArray, type ArrayElement } from './import/json-array-stream.ts';
export { PgImportFileStore, type ImportFileRow } from './import/pg-import-file-store.ts';
export {
  openStreamingHistoryImporter,
  type FileImportOutcome,
  type FileImportRequest,
  type ImportProgress,
  type StreamingHistoryImporter,
  type StreamingHistoryImporterDeps,
} from './import/streaming-history-importer.ts';
export { toStreamingHistoryRecord } from './import/streaming-history-record.ts';
export { PgCheckpointStore, PgTokenKeyValueStore } from './producer/pg-stores.ts';
export {
  runProducerCycle,
  type CheckpointStore,
  type ProducerCycleDeps,
  type ProducibleSource,
  type UserOutcome,
  type UserOutcomeStatus,
} from './producer/producer-cycle.ts';
export { encodeWireValues } from './producer/wire-encoder.ts';
export { CatalogueEnricher, type CatalogueFetchSummary } from './catalogue/catalogue-enricher.ts';
export {
  catalogueRefsOf,
  type CatalogueKind,
  type CatalogueRefs,
} from './catalogue/catalogue-refs.ts';
export { PgCatalogueStore, type CatalogueClaim } from './catalogue/pg-catalogue-store.ts';
export { RenewableProducer } from './producer/renewable-producer.ts';
