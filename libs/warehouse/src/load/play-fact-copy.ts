import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { isEmptyFact, withPrimaryKeyRebuilt } from './fact-primary-key.ts';
import type { PgBinaryType } from './pg-binary-copy.ts';
import { PROCESSED_COLUMNS, columnNames, stagingTable } from './processed-columns.ts';
import { STAR_MERGES } from './star-merges.ts';

/*
 * The play facts of a big batch (a first load, an imported history) without staging
 * them in PostgreSQL: once the dimensions are merged, the loader hands the batch's
 * holder (the transform's DuckDB) the surrogate keys of the batch's users and items, and
 * for each user the time range of their loaded plays; the holder joins its rows to them
 * and writes
 *   fresh  rows played outside their user's loaded range, keys resolved, in the fact's
 *          columns: they cannot meet a loaded row, so they are COPied straight into the
 *          fact (into an empty fact with its primary key dropped and rebuilt after);
 *   rest   the other rows, as the processed model's CSV: staged and merged as before
 *          (INSERT … ON CONFLICT, the import's row winning over the API's).
 * On 1M plays into an empty fact this replaces a 3.5 s staging COPY, a 2.5 s join on
 * natural keys and a 5-6 s INSERT … SELECT by one COPY of the final rows.
 *
 * Correct under concurrency: the fact is locked against other writers (SHARE ROW
 * EXCLUSIVE; readers go on) from reading the ranges to the commit, so no play can land
 * in a range after it was read; and the grain stays guaranteed by the primary key, which
 * the COPY meets (or which, rebuilt, checks every row). A row whose user or item has no
 * dimension row is not loaded, as in the merge (its track was quarantined, say).
 */

/** The batch's holder of a play fact's rows, split as a PlayFactRequest says. */
export interface PlayFactSource {
  /**
   * Optional work the source can do before any key is known, given the fresh rows'
   * columns: loadBatch starts it first, so that it runs while PostgreSQL merges the
   * dimensions, and waits for it before the play facts; a caller may start it earlier
   * (preparePlayFacts), with the same columns. Asked again with the same columns, it
   * gives the same work until `fresh` has used it up.
   */
  prepare?(freshColumns: FreshColumn[]): Promise<void>;
  /** The distinct user ids and item ids (track or episode ids) the batch's rows name. */
  naturalKeys(): Promise<{ users: string[]; items: string[] }>;
  /**
   * The fresh rows, in PostgreSQL's binary COPY format (pg-binary-copy.ts), in one or
   * more parts, each a whole COPY's data (header to trailer), streamed as the source
   * produces them so that it works while PostgreSQL COPies. In the grain's order (user
   * key, played_at, item key; ties of played_at may differ) as far as the source can: the
   * fact's key is then built from presorted rows (on 1M plays 0.7 s instead of 1.6 s)
   * or grows at its right edge. Nothing but speed depends on it.
   */
  fresh(request: PlayFactRequest): AsyncIterable<Readable>;
  /** The rest, once every part of `fresh` has been taken. */
  rest(request: PlayFactRequest): Promise<Readable>;
}

export interface UserLookup {
  id: string;
  key: bigint;
  /** The user's first and last loaded play, microseconds since the epoch; null when none. */
  loadedFromUs: bigint | null;
  loadedToUs: bigint | null;
}

export interface ItemLookup {
  id: string;
  key: bigint;
}

/**
 * How to split a play fact's rows (`p`, the processed model's columns), joined to
 * `users` on user_id = id and to `items` on the fact's item column (PLAY_FACT_TABLES) = id:
 *   fresh  rows whose user has no loaded play, or played_at (in epoch microseconds)
 *          before the first or after the last: `freshColumns`, each a value over the
 *          processed columns and `user_key`, `item_key` (the lookups' keys) with the
 *          PostgreSQL type to write it as, in PostgreSQL's binary COPY format, in that order;
 *   rest   every other row of a known user: the processed model's columns, in contract
 *          order, as CSV with a header line.
 * The values are plain SQL (column names, coalesce, a string literal).
 */
export interface PlayFactRequest {
  users: UserLookup[];
  items: ItemLookup[];
  freshColumns: FreshColumn[];
}

export interface FreshColumn {
  value: string;
  type: PgBinaryType;
}

interface PlayFactTable {
  table: string;
  itemColumn: string;
  itemDimension: { table: string; naturalKey: string; key: string };
}

export const PLAY_FACT_TABLES = {
  plays: {
    table: 'warehouse.fct_play',
    itemColumn: 'track_id',
    itemDimension: {
      table: 'warehouse.dim_track',
      naturalKey: 'spotify_track_id',
      key: 'track_key',
    },
  },
  episode_plays: {
    table: 'warehouse.fct_episode_play',
    itemColumn: 'episode_id',
    itemDimension: {
      table: 'warehouse.dim_episode',
      naturalKey: 'spotify_episode_id',
      key: 'episode_key',
    },
  },
} as const satisfies Record<string, PlayFactTable>;

export type PlayFactModel = keyof typeof PLAY_FACT_TABLES;

export type PlayFactMethod = 'copy' | 'copy, key rebuilt' | 'copy + merge' | 'merge';

const NOT_NULL_FLAGS = new Set(['incognito', 'played_to_the_minute']);

const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * The fact's columns as the loader writes them, each with its value over a processed row
 * and the lookups: the fact's own columns are the processed ones with the natural keys
 * swapped for surrogate keys, plus the batch id (generated columns and defaults aside).
 */
function freshColumns(model: PlayFactModel, batchId: string): Array<[string, FreshColumn]> {
  const fact = PLAY_FACT_TABLES[model];
  const columns: Array<[string, FreshColumn]> = [
    ['user_key', { value: 'user_key', type: 'int8' }],
    [fact.itemDimension.key, { value: 'item_key', type: 'int8' }],
  ];
  for (const [name, type] of PROCESSED_COLUMNS[model]) {
    if (name === 'user_id' || name === fact.itemColumn) continue;
    // the fact's flags are NOT NULL: an unknown one is false, as in the merge
    const value = NOT_NULL_FLAGS.has(name) ? `coalesce(${name}, false)` : name;
    columns.push([name, { value, type: BINARY_TYPES[type] }]);
  }
  columns.push(['load_batch_id', { value: quoteLiteral(batchId), type: 'text' }]);
  return columns;
}

/** The binary COPY type of a play fact's processed column type (all the same in the fact). */
const BINARY_TYPES: Record<(typeof PROCESSED_COLUMNS)[PlayFactModel][number][1], PgBinaryType> = {
  text: 'text',
  timestamptz: 'timestamptz',
  integer: 'int4',
  boolean: 'bool',
};

/**
 * Runs every source's prepare with the columns loadBatch will ask for, one after the
 * other (they may share a connection): what loadBatch starts itself, or a caller earlier.
 */
export async function preparePlayFacts(
  sources: Partial<Record<PlayFactModel, PlayFactSource>>,
  batchId: string,
): Promise<void> {
  for (const model of Object.keys(PLAY_FACT_TABLES) as PlayFactModel[]) {
    const columns = freshColumns(model, batchId).map(([, column]) => column);
    await sources[model]?.prepare?.(columns);
  }
}

async function lookups(
  client: PoolClient,
  model: PlayFactModel,
  keys: { users: string[]; items: string[] },
): Promise<{ users: UserLookup[]; items: ItemLookup[] }> {
  const fact = PLAY_FACT_TABLES[model];
  // min/max per user: two probes of the grain's index (user_key, played_at, …) each.
  const { rows: users } = await client.query<{
    id: string;
    key: string;
    first_us: string | null;
    last_us: string | null;
  }>(
    `select u.spotify_user_id as id, u.user_key::text as key,
       (select (extract(epoch from min(f.played_at)) * 1000000)::bigint::text
        from ${fact.table} f where f.user_key = u.user_key) as first_us,
       (select (extract(epoch from max(f.played_at)) * 1000000)::bigint::text
        from ${fact.table} f where f.user_key = u.user_key) as last_us
     from warehouse.dim_user u where u.spotify_user_id = any($1::text[])`,
    [keys.users],
  );
  const { table, naturalKey, key } = fact.itemDimension;
  const { rows: items } = await client.query<{ id: string; key: string }>(
    `select ${naturalKey} as id, ${key}::text as key from ${table}
     where ${naturalKey} = any($1::text[])`,
    [keys.items],
  );
  return {
    users: users.map((u) => ({
      id: u.id,
      key: BigInt(u.key),
      loadedFromUs: u.first_us === null ? null : BigInt(u.first_us),
      loadedToUs: u.last_us === null ? null : BigInt(u.last_us),
    })),
    items: items.map((i) => ({ id: i.id, key: BigInt(i.key) })),
  };
}

async function copyStream(client: PoolClient, sql: string, input: Readable): Promise<number> {
  const copy = client.query(copyFrom(sql));
  await pipeline(input, copy);
  return Number(copy.rowCount ?? 0);
}

/**
 * Loads a play fact from its source inside the batch's transaction (dimensions merged):
 * the fresh rows by COPY into the fact, the rest staged in stg_<model> (created by the
 * caller) and merged. Returns the rows taken (COPied into the fact or staging), the rows
 * inserted or changed, and how.
 */
export async function copyPlayFact(
  client: PoolClient,
  model: PlayFactModel,
  source: PlayFactSource,
  batchId: string,
): Promise<{ staged: number; merged: number; method: PlayFactMethod; sourceSeconds: number }> {
  const fact = PLAY_FACT_TABLES[model];
  const keys = await source.naturalKeys();
  // no play: nothing to lock, and an empty fact keeps its key (no rebuild for nothing)
  if (keys.users.length === 0) return { staged: 0, merged: 0, method: 'merge', sourceSeconds: 0 };
  await client.query(`lock table ${fact.table} in share row exclusive mode`);
  const empty = await isEmptyFact(client, fact.table);
  const { users, items } = await lookups(client, model, keys);
  const columns = freshColumns(model, batchId);
  const request: PlayFactRequest = {
    users,
    items,
    freshColumns: columns.map(([, column]) => column),
  };
  // the time spent waiting for the source, not overlapped with a COPY
  let sourceSeconds = 0;
  const waitingFor = async <T>(next: Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await next;
    } finally {
      sourceSeconds += (performance.now() - started) / 1000;
    }
  };
  const copyFresh = async () => {
    const parts = source.fresh(request)[Symbol.asyncIterator]();
    let rows = 0;
    try {
      for (;;) {
        const part = await waitingFor(parts.next());
        if (part.done) return rows;
        rows += await copyStream(
          client,
          `copy ${fact.table} (${columns.map(([name]) => name).join(', ')}) from stdin (format binary)`,
          part.value,
        );
      }
    } finally {
      // a failed COPY: let the source finish the part it is writing before the batch ends
      await parts.return?.();
    }
  };
  const copied = empty
    ? await withPrimaryKeyRebuilt(client, fact.table, copyFresh)
    : { result: await copyFresh(), rebuilt: false };
  const staged = await copyStream(
    client,
    `copy ${stagingTable(model)} (${columnNames(model).join(', ')}) from stdin (format csv, header true)`,
    await waitingFor(source.rest(request)),
  );
  let merged = 0;
  if (staged > 0) {
    await client.query(`analyze ${stagingTable(model)}`);
    merged = (await client.query(STAR_MERGES[model], [batchId])).rowCount ?? 0;
  }
  const method: PlayFactMethod =
    staged === 0
      ? copied.rebuilt
        ? 'copy, key rebuilt'
        : 'copy'
      : copied.result === 0
        ? 'merge'
        : 'copy + merge';
  return {
    staged: copied.result + staged,
    merged: copied.result + merged,
    method,
    sourceSeconds,
  };
}
