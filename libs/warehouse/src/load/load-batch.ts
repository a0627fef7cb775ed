import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  LOAD_ORDER,
  PROCESSED_COLUMNS,
  columnNames,
  stagingTable,
  type ProcessedModel,
} from './processed-columns.ts';
import { insertNewGrains, type NewGrainMethod } from './new-grain-insert.ts';
import { GENRE_MERGES, STAR_MERGES } from './star-merges.ts';

/** A processed model's rows as CSV with a header line, columns as in PROCESSED_COLUMNS. */
export type ModelCsv = () => Readable;

export interface ModelLoadResult {
  model: ProcessedModel;
  /** Rows COPied into staging. */
  staged: number;
  /** Rows the merge inserted or changed in the star schema (0 when loaded before). */
  merged: number;
  /** How: the merge, or for a play fact whose rows are all new, a plain insert (new-grain-insert.ts). */
  method: 'merge' | NewGrainMethod;
}

async function mergeModel(
  client: PoolClient,
  model: ProcessedModel,
  batchId: string,
): Promise<Pick<ModelLoadResult, 'merged' | 'method'>> {
  const inserted = await insertNewGrains(client, model, batchId);
  if (inserted) return { merged: inserted.rows, method: inserted.method };
  const sql = STAR_MERGES[model];
  const result = await client.query(sql, sql.includes('$1') ? [batchId] : []);
  return { merged: result.rowCount ?? 0, method: 'merge' };
}

/**
 * Loads one batch of processed models into the star schema, all or nothing: each model is
 * COPied into a temporary staging table, then merged (dimensions before facts) by the
 * statements in star-merges.ts. Running the same batch again changes nothing.
 */
export async function loadBatch(
  db: Knex,
  batchId: string,
  inputs: Partial<Record<ProcessedModel, ModelCsv>>,
): Promise<ModelLoadResult[]> {
  return db.transaction(async (trx) => {
    // The transaction's own connection: COPY must run inside the same transaction.
    const client = (await trx.client.acquireConnection()) as PoolClient;
    const results: ModelLoadResult[] = [];
    for (const model of LOAD_ORDER) {
      const columns = PROCESSED_COLUMNS[model].map(([name, type]) => `"${name}" ${type}`);
      await client.query(
        `create temporary table ${stagingTable(model)} (${columns.join(', ')}) on commit drop`,
      );
      const input = inputs[model];
      let staged = 0;
      if (input) {
        const copy = client.query(
          copyFrom(
            `copy ${stagingTable(model)} (${columnNames(model).join(', ')}) from stdin (format csv, header true)`,
          ),
        );
        await pipeline(input(), copy);
        staged = Number(copy.rowCount ?? 0);
      }
      await client.query(`analyze ${stagingTable(model)}`);
      const { merged, method } =
        staged === 0
          ? { merged: 0, method: 'merge' as const }
          : await mergeModel(client, model, batchId);
      if (model === 'artists' && staged > 0)
        for (const sql of GENRE_MERGES) await client.query(sql);
      results.push({ model, staged, merged, method });
    }
    return results;
  });
}
