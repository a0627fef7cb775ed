import { sourceTopic, TOPIC_SOURCE_NAMES, type TopicSourceName } from '@spotify-insights/schemas';
import { fieldsStructType } from './avro-fields.ts';
import { struct, type DuckDbFields } from '../duckdb-types.ts';
import { ITEM_TYPES } from './spotify-item-types.ts';

/** The envelope libs/ingestion writes on every raw line (see its raw-line.ts). */
const ENVELOPE_TYPE = struct({
  user_id: 'VARCHAR',
  fetched_at: 'BIGINT',
  endpoint: 'VARCHAR',
  run_id: 'VARCHAR',
  topic: 'VARCHAR',
  partition: 'INTEGER',
  offset: 'VARCHAR',
  schema_id: 'INTEGER',
});

/** One topic's staging table: where its raw lines land in DuckDB, and their types. */
export interface StagingTable {
  source: TopicSourceName;
  topic: string;
  /** `stg_<source>`, e.g. stg_recent_plays */
  table: string;
  /** The raw line's keys and their types, plus the file each line came from. */
  columns: DuckDbFields;
}

export const stagingTableName = (source: TopicSourceName): string =>
  `stg_${source.replaceAll('-', '_')}`;

/** Every topic's staging table (API sources and imports), so each model's SQL finds all the tables it reads. */
export const STAGING_TABLES: readonly StagingTable[] = TOPIC_SOURCE_NAMES.map((source) => ({
  source,
  topic: sourceTopic(source),
  table: stagingTableName(source),
  columns: {
    envelope: ENVELOPE_TYPE,
    fields: fieldsStructType(source),
    item: ITEM_TYPES[source],
    _source_file: 'VARCHAR',
  },
}));
