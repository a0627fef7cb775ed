/** Raw NDJSON → typed, deduplicated, quality-checked processed models, in DuckDB. */
export { stageRawFiles, type RawFile, type StagedTopic } from './stage/stage-raw.ts';
export { STAGING_TABLES, stagingTableName, type StagingTable } from './stage/staging-tables.ts';
export { buildAndCheckModels, type BuildModelsOptions } from './build-models.ts';
export { INTERMEDIATE_TABLES, TRANSFORM_MODELS } from './models/index.ts';
export type { IntermediateTable, TransformModel } from './models/model.ts';
export { PLAY_INPUTS } from './models/plays.ts';
export {
  writeModelParquet,
  type WriteParquetOptions,
  type WrittenParquetFile,
} from './write-parquet.ts';
export type { DuckDbFields } from './duckdb-types.ts';
export {
  runTransform,
  newRunId,
  type LakeBuckets,
  type TransformDeps,
  type TransformOptions,
  type TransformRunResult,
} from './run/run-transform.ts';
export { withTransformLock, type TransformLockOptions } from './run/transform-lock.ts';
export {
  eraseUserFromLake,
  type EraseUserDeps,
  type LakeErasure,
} from './erase/erase-user-from-lake.ts';
export {
  PRESENTATION_USER_COLUMNS,
  PROCESSED_USER_COLUMNS,
  userTableFile,
} from './erase/user-columns.ts';
export { formatRunGrid, recentRuns, type RunSummary } from './run/run-history.ts';
export { STEPS, type RunTrigger, type StepName } from './run/run-log.ts';
export {
  TRANSFORM_ERROR_CODES,
  TransformError,
  type TransformErrorCode,
} from './transform-error.ts';
export {
  startTransformScheduler,
  TRANSFORM_QUEUE,
  type TransformJob,
  type TransformScheduler,
} from './schedule/transform-scheduler.ts';
export {
  buildPresentation,
  PRESENTATION_AGGREGATES,
  writePresentationFiles,
  type PresentationAggregate,
  type PresentationTable,
} from './presentation/index.ts';
