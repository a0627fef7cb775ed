import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Client } from 'minio';
import { PROCESSED_COLUMNS, type ProcessedModel } from '@spotify-insights/warehouse';
import { buildPresentation, writePresentationFiles } from '../presentation/index.ts';
import { createContractTableSql } from './duckdb-contract.ts';
import { downloadObjects, uploadDirectory } from './lake-files.ts';

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Every Parquet object of a model in `processed` (quarantine lives apart, under quarantine/). */
async function processedKeys(lake: Client, bucket: string, model: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of lake.listObjectsV2(bucket, `${model}/`, true))
    if (item.name?.endsWith('.parquet')) keys.push(item.name);
  return keys;
}

/**
 * The `aggregate` step: reads the whole of `processed` (every run's files; the aggregates
 * dedupe on each grain) into a DuckDB of its own, builds the presentation aggregates and
 * uploads each as Parquet and CSV to the `presentation` bucket, replacing the last run's.
 */
export async function buildPresentationFromProcessed(
  lake: Client,
  buckets: { processed: string; presentation: string },
  dir: string,
  now: Date,
): Promise<Array<{ name: string; rows: number }>> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`SET TimeZone = 'UTC'`);
    for (const model of Object.keys(PROCESSED_COLUMNS) as ProcessedModel[]) {
      const keys = await processedKeys(lake, buckets.processed, model);
      await conn.run(createContractTableSql(model));
      if (keys.length === 0) continue;
      const modelDir = join(dir, 'processed', model);
      await mkdir(modelDir, { recursive: true });
      const paths = await downloadObjects(lake, buckets.processed, keys, modelDir);
      const files = `read_parquet([${paths.map(quote).join(', ')}], union_by_name = true)`;
      // a column added to the contract later is missing from older runs' files: NULL there
      const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${files}`);
      const present = new Set(described.getRowObjectsJS().map((row) => String(row['column_name'])));
      const columns = PROCESSED_COLUMNS[model]
        .map(([name]) => (present.has(name) ? `"${name}"` : `NULL AS "${name}"`))
        .join(', ');
      await conn.run(`INSERT INTO "${model}" SELECT ${columns} FROM ${files}`);
    }
    const built = await buildPresentation(conn, { now });
    const outDir = join(dir, 'out');
    await writePresentationFiles(conn, outDir);
    await uploadDirectory(lake, buckets.presentation, outDir, '');
    return built.map((table) => ({ name: table.name, rows: table.rows.length }));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
