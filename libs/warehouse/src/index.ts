export { createWarehouseDb } from './warehouse-db.ts';
export { BI_READER_ROLE, biReaderUrl, ensureBiReaderLogin, prepareWarehouse } from './bi-reader.ts';
export {
  MIGRATIONS_DIR,
  migrateLatest,
  migrateRollbackAll,
  migrationSource,
} from './migrations.ts';
export {
  loadBatch,
  type ModelCsv,
  type ModelLoadResult,
  type PlayFactSources,
} from './load/load-batch.ts';
export {
  PLAY_FACT_TABLES,
  preparePlayFacts,
  type FreshColumn,
  type ItemLookup,
  type PlayFactModel,
  type PlayFactRequest,
  type PlayFactSource,
  type UserLookup,
} from './load/play-fact-copy.ts';
export {
  PgBinaryCopyEncoder,
  type PgBinaryColumn,
  type PgBinaryType,
} from './load/pg-binary-copy.ts';
export {
  LOAD_ORDER,
  PROCESSED_COLUMNS,
  columnNames,
  type ProcessedModel,
} from './load/processed-columns.ts';
export { createScratchDatabase, type ScratchDatabase } from './scratch-database.ts';
export * from './queries/index.ts';
