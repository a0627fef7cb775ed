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
export { itemJsonText, rawLineText, type DecodedRecord, type RawLine } from './raw/raw-line.ts';
export { rawObjectsFor, type RawObject } from './raw/raw-objects.ts';
export { readRawLines } from './raw/read-raw-lines.ts';
export {
  deadLetterTopicOf,
  deadLetterTopicSpec,
  rawLanderGroup,
  sourceTopicSpec,
} from './topic-specs.ts';
export {
  ACCOUNT_HISTORY_FILE,
  CHARTS_FILE,
  findExportFiles,
  findStreamingHistoryFiles,
  STREAMING_HISTORY_FILE,
} from './import/history-files.ts';
export {
  IMPORT_ERROR_CODES,
  ImportError,
  type FilePosition,
  type ImportErrorCode,
} from './import/import-error.ts';
export { streamJsonArray, type ArrayElement } from './import/json-array-stream.ts';
export { streamCsvRows, type CsvRow } from './import/csv-rows-stream.ts';
export { PgImportFileStore, type ImportFileRow } from './import/pg-import-file-store.ts';
export type {
  ElementOutcome,
  ExportElement,
  ExportFileReader,
  ExportFormat,
  ImportEnvelope,
  ImportKind,
} from './import/export-format.ts';
export {
  openExportFileImporter,
  type ExportFileImporter,
  type ExportFileImporterDeps,
  type FileImportOutcome,
  type FileImportRequest,
  type ImportProgress,
} from './import/export-file-importer.ts';
export {
  openStreamingHistoryImporter,
  streamingHistoryFormat,
  type StreamingHistoryImporter,
  type StreamingHistoryImporterDeps,
} from './import/streaming-history-importer.ts';
export { toStreamingHistoryRecord } from './import/streaming-history-record.ts';
export {
  accountHistoryFormat,
  openAccountHistoryImporter,
} from './import/account-history-importer.ts';
export { chartsFormat, openChartsImporter } from './import/charts-importer.ts';
export { CHARTS_OWNER } from './import/chart-row.ts';
export {
  namesKey,
  PgSearchResolutionStore,
  type TrackNames,
} from './import/pg-search-resolution-store.ts';
export { TrackResolver, type ResolutionStats } from './import/track-resolver.ts';
export {
  pickTrack,
  searchQuery,
  spotifyTrackSearch,
  type TrackHit,
  type TrackSearch,
} from './import/track-search.ts';
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
