import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, quoteString } from '@spotify-insights/quality';
import { queryRows, runStatement } from '../run-statement.ts';
import { TransformError } from '../transform-error.ts';
import { emptyTableSql } from '../duckdb-types.ts';
import { STAGING_TABLES, type StagingTable } from './staging-tables.ts';

/** A raw NDJSON object already downloaded to a local file. */
export interface RawFile {
  topic: string;
  path: string;
}

/** What one staging table received. */
export interface StagedTopic {
  topic: string;
  table: string;
  files: number;
  rows: number;
}

// read_json's `columns` map names the raw line's keys with their types (the file name is
// added by `filename = true`); nothing is auto-detected, since fields differ per topic.
const readJsonColumns = (staging: StagingTable): string =>
  Object.entries(staging.columns)
    .filter(([name]) => name !== '_source_file')
    .map(([name, type]) => `${quoteString(name)}: ${quoteString(type)}`)
    .join(', ');

const stageSql = (staging: StagingTable, paths: readonly string[]): string => {
  if (paths.length === 0) return emptyTableSql(staging.table, staging.columns);
  // hive_partitioning off: a path with `user_id=…/` folders must not add columns.
  return `CREATE OR REPLACE TABLE ${quoteIdentifier(staging.table)} AS
    SELECT envelope, fields, item, filename AS _source_file
    FROM read_json([${paths.map(quoteString).join(', ')}],
      format = 'newline_delimited', filename = true, hive_partitioning = false,
      columns = {${readJsonColumns(staging)}})`;
};

const pathsByTopic = (files: readonly RawFile[]): Map<string, string[]> => {
  const known = new Set(STAGING_TABLES.map(({ topic }) => topic));
  const byTopic = new Map<string, string[]>();
  for (const { topic, path } of files) {
    if (!known.has(topic)) {
      throw new TransformError('TOPIC_UNKNOWN', `no staging table for topic ${topic}`, {
        topic,
        path,
      });
    }
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), path]);
  }
  return byTopic;
};

/**
 * Loads local raw NDJSON files into one staging table per topic (`stg_<source>`:
 * envelope, fields and item as typed STRUCTs, plus `_source_file`), in one read_json
 * per topic. Topics without files get an empty table, so every model's SQL runs.
 */
export const stageRawFiles = async (
  conn: DuckDBConnection,
  files: readonly RawFile[],
): Promise<StagedTopic[]> => {
  const byTopic = pathsByTopic(files);
  const staged: StagedTopic[] = [];
  for (const staging of STAGING_TABLES) {
    const paths = byTopic.get(staging.topic) ?? [];
    const context = {
      code: 'STAGING_FAILED' as const,
      what: `staging ${staging.topic} (${paths.length} files)`,
      details: { topic: staging.topic, files: paths.length },
    };
    await runStatement(conn, stageSql(staging, paths), context);
    const [count] = await queryRows(
      conn,
      `SELECT count(*) AS n FROM ${quoteIdentifier(staging.table)}`,
      context,
    );
    staged.push({
      topic: staging.topic,
      table: staging.table,
      files: paths.length,
      rows: Number(count?.['n'] ?? 0),
    });
  }
  return staged;
};
