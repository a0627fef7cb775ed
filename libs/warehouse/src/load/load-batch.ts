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
import {
  PLAY_FACT_TABLES,
  copyPlayFact,
  preparePlayFacts,
  type PlayFactMethod,
  type PlayFactModel,
  type PlayFactSource,
} from './play-fact-copy.ts';
import { settleMinutePlays } from './minute-plays.ts';
import { GENRE_MERGES, STAR_MERGES } from './star-merges.ts';

/** A processed model's rows as CSV with a header line, columns as in PROCESSED_COLUMNS. */
export type ModelCsv = () => Readable;

/** Play facts whose holder resolves their keys itself (play-fact-copy.ts), instead of CSV. */
export type PlayFactSources = Partial<Record<PlayFactModel, PlayFactSource>>;

export interface ModelLoadResult {
  model: ProcessedModel;
  /** Rows COPied into staging (from a play fact source: into the fact and staging). */
  staged: number;
  /** Rows the merge inserted or changed in the star schema (0 when loaded before). */
  merged: number;
  /**
   * How: the merge; for a play fact given as CSV whose rows are all new, a plain insert
   * (new-grain-insert.ts); for one from a source, COPY (play-fact-copy.ts).
   */
  method: 'merge' | NewGrainMethod | PlayFactMethod;
  /** Wall time of the model's load (staging, merge; for a play fact source, all of it). */
  seconds: number;
  /** For a play fact source: the time the load waited for it (not overlapped by a COPY). */
  sourceSeconds?: number;
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

async function stageCsv(
  client: PoolClient,
  model: ProcessedModel,
  input: ModelCsv | undefined,
): Promise<number> {
  if (!input) return 0;
  const copy = client.query(
    copyFrom(
      `copy ${stagingTable(model)} (${columnNames(model).join(', ')}) from stdin (format csv, header true)`,
    ),
  );
  await pipeline(input(), copy);
  return Number(copy.rowCount ?? 0);
}

/** For a play fact that took rows: the minute rule across batches (minute-plays.ts). */
async function settled(
  client: PoolClient,
  model: ProcessedModel,
  staged: number,
  batchId: string,
): Promise<number> {
  if (!(model in PLAY_FACT_TABLES) || staged === 0) return 0;
  const { dropped, lengthened } = await settleMinutePlays(client, model as PlayFactModel, batchId);
  return dropped + lengthened;
}

const playFactSource = (sources: PlayFactSources, model: ProcessedModel) =>
  model in PLAY_FACT_TABLES ? sources[model as PlayFactModel] : undefined;

/**
 * Loads one batch of processed models into the star schema, all or nothing: each model is
 * COPied into a temporary staging table, then merged (dimensions before facts) by the
 * statements in star-merges.ts; a play fact given in `playFacts` is loaded from its
 * source instead (play-fact-copy.ts). Running the same batch again changes nothing.
 */
export async function loadBatch(
  db: Knex,
  batchId: string,
  inputs: Partial<Record<ProcessedModel, ModelCsv>>,
  playFacts: PlayFactSources = {},
): Promise<ModelLoadResult[]> {
  // the play fact sources' own work, while PostgreSQL merges the dimensions (or the work
  // a caller started earlier with the same columns: preparePlayFacts)
  const prepared = preparePlayFacts(playFacts, batchId);
  try {
    return await db.transaction(async (trx) => {
      // The transaction's own connection: COPY must run inside the same transaction.
      const client = (await trx.client.acquireConnection()) as PoolClient;
      return await loadModels(client, batchId, inputs, playFacts, prepared);
    });
  } finally {
    // never leave a source working (on a connection its caller closes next)
    await prepared.catch(() => undefined);
  }
}

async function loadModels(
  client: PoolClient,
  batchId: string,
  inputs: Partial<Record<ProcessedModel, ModelCsv>>,
  playFacts: PlayFactSources,
  prepared: Promise<void>,
): Promise<ModelLoadResult[]> {
  const results: ModelLoadResult[] = [];
  for (const model of LOAD_ORDER) {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const columns = PROCESSED_COLUMNS[model].map(([name, type]) => `"${name}" ${type}`);
    await client.query(
      `create temporary table ${stagingTable(model)} (${columns.join(', ')}) on commit drop`,
    );
    const source = playFactSource(playFacts, model);
    if (source) {
      await prepared;
      const loaded = await copyPlayFact(client, model as PlayFactModel, source, batchId);
      const merged = loaded.merged + (await settled(client, model, loaded.staged, batchId));
      results.push({ model, ...loaded, merged, seconds: seconds() });
      continue;
    }
    const staged = await stageCsv(client, model, inputs[model]);
    await client.query(`analyze ${stagingTable(model)}`);
    const { merged: mergedRows, method } =
      staged === 0
        ? { merged: 0, method: 'merge' as const }
        : await mergeModel(client, model, batchId);
    if (model === 'artists' && staged > 0) for (const sql of GENRE_MERGES) await client.query(sql);
    const merged = mergedRows + (await settled(client, model, staged, batchId));
    results.push({ model, staged, merged, method, seconds: seconds() });
  }
  return results;
}
