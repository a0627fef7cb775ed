import type { DuckDBConnection } from '@duckdb/node-api';
import { checkTable, type ModelQualityResult } from '@spotify-insights/quality';
import { INTERMEDIATE_TABLES, TRANSFORM_MODELS } from './models/index.ts';
import type { TransformModel } from './models/model.ts';
import { runStatement } from './run-statement.ts';

export interface BuildModelsOptions {
  /** The run's clock, for freshness expectations. */
  now: Date;
  /** Defaults to every model, in dependency order. */
  models?: readonly TransformModel[];
}

/**
 * Builds every processed model from the staging tables (see stageRawFiles), then checks
 * each one's expectations in order, leaving `<model>__passed` and `<model>__quarantine`
 * next to it. Facts are checked after their dimensions, and a fact row that references a
 * dimension row quarantined in this batch is quarantined too; nothing else crosses
 * models. Promotion is the caller's call: a result with `blocking` must not be promoted.
 */
export const buildAndCheckModels = async (
  conn: DuckDBConnection,
  { now, models = TRANSFORM_MODELS }: BuildModelsOptions,
): Promise<ModelQualityResult[]> => {
  for (const table of INTERMEDIATE_TABLES) {
    await runStatement(conn, table.sql, { code: 'MODEL_FAILED', what: `table ${table.name}` });
  }
  for (const model of models) {
    await runStatement(conn, model.sql, {
      code: 'MODEL_FAILED',
      what: `model ${model.name}`,
      details: { model: model.name },
    });
  }
  const results: ModelQualityResult[] = [];
  for (const model of models) {
    results.push(await checkTable(conn, { table: model.name, model: model.quality, now }));
  }
  return results;
};
