import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/*
 * The load stage's baseline: the least PostgreSQL can do to hold the same play rows, a
 * bare `COPY … FROM STDIN (FORMAT binary)` of every row the load wrote to fct_play into
 * an empty table shaped like it (same columns, generated columns, defaults and checks)
 * but without its primary key, so nothing is looked up, merged or indexed. The rows are
 * taken from fct_play itself with `COPY … TO STDOUT (FORMAT binary)` into a local file
 * first (not timed), so the timed COPY only reads a file and writes the table.
 */

/** The columns the load's merge writes into fct_play (the rest are generated or defaults). */
const PLAY_LOAD_COLUMNS = [
  'user_key',
  'track_key',
  'played_at',
  'ms_played',
  'skipped',
  'reason_start',
  'reason_end',
  'shuffle',
  'offline',
  'platform',
  'conn_country',
  'incognito',
  'context_type',
  'context_uri',
  'source',
  'played_to_the_minute',
  'load_batch_id',
].join(', ');

export interface CopyTiming {
  rows: number;
  seconds: number;
}

export interface CopyBaseline {
  /** Into a copy of fct_play without its primary key: the baseline. */
  bare: CopyTiming;
  /** Into a copy of fct_play with its primary key (the grain): what the index adds. */
  withGrain: CopyTiming;
  /** Size of the binary COPY data. */
  bytes: number;
}

async function timedCopy(client: PoolClient, table: string, file: string): Promise<CopyTiming> {
  const started = performance.now();
  const copy = client.query(
    copyFrom(`copy ${table} (${PLAY_LOAD_COLUMNS}) from stdin (format binary)`),
  );
  await pipeline(createReadStream(file), copy);
  return { rows: Number(copy.rowCount ?? 0), seconds: (performance.now() - started) / 1000 };
}

/** Measures the baseline in the run's warehouse (after the load) and drops its tables. */
export async function measureCopyBaseline(db: Knex, dir: string): Promise<CopyBaseline> {
  const client = (await db.client.acquireConnection()) as PoolClient;
  const file = join(dir, 'fct_play.bin');
  try {
    await pipeline(
      client.query(
        copyTo(
          `copy (select ${PLAY_LOAD_COLUMNS} from warehouse.fct_play) to stdout (format binary)`,
        ),
      ),
      createWriteStream(file),
    );
    await client.query(`drop table if exists public.bench_bare_copy, public.bench_grain_copy`);
    await client.query(
      `create table public.bench_bare_copy (like warehouse.fct_play including all excluding indexes)`,
    );
    await client.query(
      `create table public.bench_grain_copy (like warehouse.fct_play including all)`,
    );
    // Settle the server (checkpoint of the load's writes) so the COPY is not charged for it.
    await client.query('checkpoint').catch(() => undefined);
    const bare = await timedCopy(client, 'public.bench_bare_copy', file);
    const withGrain = await timedCopy(client, 'public.bench_grain_copy', file);
    return { bare, withGrain, bytes: (await stat(file)).size };
  } finally {
    await client
      .query(`drop table if exists public.bench_bare_copy, public.bench_grain_copy`)
      .catch(() => undefined);
    await db.client.releaseConnection(client);
  }
}
