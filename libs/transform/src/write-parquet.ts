import { mkdir, readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, quoteString } from '@spotify-insights/quality';
import { queryRows } from './run-statement.ts';
import { TransformError } from './transform-error.ts';

export interface WriteParquetOptions {
  /** A DATE column: one Hive-style folder per value, e.g. played_date=2026-11-20/. */
  partitionColumn?: string;
  /** The folder under `dir` (default: the table's name), e.g. `plays` for plays__passed. */
  folder?: string;
  /**
   * The file names' stem (default `data`): files are `<stem>_<n>.parquet`. A run id
   * here keeps one run's files from replacing another's in the same partition.
   */
  fileStem?: string;
}

export interface WrittenParquetFile {
  /** Absolute path on this machine. */
  path: string;
  /** From `dir`, with / separators: `plays/played_date=2026-11-20/data_0.parquet`. */
  relativePath: string;
}

/**
 * Writes a table's rows as Parquet under `<dir>/<folder>/`, partitioned by date when
 * the model has a date column, else as one file, and returns the files written. A
 * partitioned table without rows writes no file. The folder must be new or empty
 * (PARQUET_WRITE_FAILED otherwise): files of an earlier write are never mixed in.
 */
export const writeModelParquet = async (
  conn: DuckDBConnection,
  table: string,
  dir: string,
  { partitionColumn, folder = table, fileStem = 'data' }: WriteParquetOptions = {},
): Promise<WrittenParquetFile[]> => {
  const root = resolve(dir);
  const target = join(root, folder);
  await mkdir(target, { recursive: true });
  if ((await readdir(target)).length > 0) {
    throw new TransformError('PARQUET_WRITE_FAILED', `${target} is not empty`, {
      table,
      dir: target,
    });
  }
  const options =
    partitionColumn === undefined
      ? ''
      : `, PARTITION_BY (${quoteIdentifier(partitionColumn)}), FILENAME_PATTERN ${quoteString(`${fileStem}_{i}`)}, WRITE_PARTITION_COLUMNS true`;
  // The partition column stays in the files too, so each file reads on its own.
  const path = partitionColumn === undefined ? join(target, `${fileStem}_0.parquet`) : target;
  const [result] = await queryRows(
    conn,
    `COPY (SELECT * FROM ${quoteIdentifier(table)}) TO ${quoteString(path)}
     (FORMAT parquet, RETURN_FILES true${options})`,
    {
      code: 'PARQUET_WRITE_FAILED',
      what: `writing ${table} as Parquet to ${target}`,
      details: { table, dir: target },
    },
  );
  const files = (result?.['Files'] ?? []) as string[];
  return files.map((file) => ({
    path: file,
    relativePath: relative(root, file).split(sep).join('/'),
  }));
};
