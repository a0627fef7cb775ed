import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Client } from 'minio';
import type { ModelQualityResult } from '@spotify-insights/quality';
import { buildAndCheckModels } from '../build-models.ts';
import { TRANSFORM_MODELS } from '../models/index.ts';
import { stageRawFiles, type RawFile } from '../stage/stage-raw.ts';
import { writeModelParquet } from '../write-parquet.ts';
import { uploadDirectory } from './lake-files.ts';

/** Stages the batch's raw files and builds and checks every model (see build-models.ts). */
export async function buildBatchModels(
  conn: DuckDBConnection,
  files: readonly RawFile[],
  now: Date,
): Promise<ModelQualityResult[]> {
  await stageRawFiles(conn, files);
  return buildAndCheckModels(conn, { now });
}

async function rowCount(conn: DuckDBConnection, table: string): Promise<number> {
  const reader = await conn.runAndReadAll(`SELECT count(*) AS n FROM "${table}"`);
  return Number(reader.getRowObjectsJS()[0]?.['n'] ?? 0);
}

export interface PromoteOptions {
  /**
   * Called once the files are written, before they upload: DuckDB work started here
   * (the connection is free again) runs while the upload waits on MinIO.
   */
  whileUploading?: () => void;
}

/**
 * Promotes a checked batch to the `processed` bucket: each model's passed rows as Parquet
 * under `<model>/<date column>=<day>/<run>_<n>.parquet` (a run's files never replace
 * another run's), and its quarantined rows, with the expectations they failed, under
 * `quarantine/<model>/run=<run>/`. Returns the object keys written.
 */
export async function promoteBatch(
  conn: DuckDBConnection,
  lake: Client,
  bucket: string,
  dir: string,
  runId: string,
  options: PromoteOptions = {},
): Promise<string[]> {
  const passedDir = join(dir, 'passed');
  const quarantineDir = join(dir, 'quarantine');
  for (const model of TRANSFORM_MODELS) {
    await writeModelParquet(conn, `${model.name}__passed`, passedDir, {
      folder: model.name,
      fileStem: runId,
      ...(model.partitionColumn ? { partitionColumn: model.partitionColumn } : {}),
    });
    if ((await rowCount(conn, `${model.name}__quarantine`)) > 0)
      await writeModelParquet(conn, `${model.name}__quarantine`, quarantineDir, {
        folder: `${model.name}/run=${runId}`,
        fileStem: 'rows',
      });
  }
  options.whileUploading?.();
  return [
    ...(await uploadDirectory(lake, bucket, passedDir, '')),
    ...(await uploadDirectory(lake, bucket, quarantineDir, 'quarantine/').catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      },
    )),
  ];
}
