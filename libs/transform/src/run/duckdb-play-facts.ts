import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  PLAY_FACT_TABLES,
  type PlayFactModel,
  type PlayFactRequest,
  type PlayFactSource,
} from '@spotify-insights/warehouse';
import { loaderSelectList } from './duckdb-contract.ts';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

async function distinct(conn: DuckDBConnection, table: string, column: string) {
  const reader = await conn.runAndReadAll(
    `SELECT DISTINCT ${quote(column)} AS id FROM ${quote(table)} WHERE ${quote(column)} IS NOT NULL`,
  );
  return reader.getRowObjectsJS().map((row) => String(row['id']));
}

async function writeLookups(conn: DuckDBConnection, model: string, request: PlayFactRequest) {
  const users = `${model}__user_keys`;
  const items = `${model}__item_keys`;
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${users} (id VARCHAR, user_key BIGINT, loaded_from_us BIGINT, loaded_to_us BIGINT)`,
  );
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${items} (id VARCHAR, item_key BIGINT)`);
  const userAppender = await conn.createAppender(users);
  for (const user of request.users) {
    userAppender.appendVarchar(user.id);
    userAppender.appendBigInt(user.key);
    if (user.loadedFromUs === null) userAppender.appendNull();
    else userAppender.appendBigInt(user.loadedFromUs);
    if (user.loadedToUs === null) userAppender.appendNull();
    else userAppender.appendBigInt(user.loadedToUs);
    userAppender.endRow();
  }
  userAppender.closeSync();
  const itemAppender = await conn.createAppender(items);
  for (const item of request.items) {
    itemAppender.appendVarchar(item.id);
    itemAppender.appendBigInt(item.key);
    itemAppender.endRow();
  }
  itemAppender.closeSync();
  return { users, items };
}

/** Rows of fresh plays per CSV part: 1M plays are 8 parts. */
const PART_ROWS = 125_000;

/** One past the table's highest rowid (rowids have gaps once rows were deleted). */
async function rowIdEnd(conn: DuckDBConnection, table: string): Promise<number> {
  const reader = await conn.runAndReadAll(
    `SELECT coalesce(max(rowid) + 1, 0)::BIGINT AS n FROM ${quote(table)}`,
  );
  return Number(reader.getRowObjectsJS()[0]?.['n'] ?? 0);
}

/**
 * A play fact of the batch, held in the run's DuckDB (`table`, the model's passed rows),
 * as the loader's source (see play-fact-copy.ts in libs/warehouse): DuckDB joins the rows
 * to the surrogate keys the loader found and writes the new rows in the fact's columns,
 * so PostgreSQL only COPies them in. The new rows go in parts (ranges of the table's
 * rowid), the next written while PostgreSQL COPies the last. Files go to `dir`.
 */
export function duckDbPlayFactSource(
  conn: DuckDBConnection,
  model: PlayFactModel,
  table: string,
  dir: string,
  partRows = PART_ROWS,
): PlayFactSource {
  let lookups: Promise<{ users: string; items: string }> | undefined;
  const lookupTables = (request: PlayFactRequest) =>
    (lookups ??= writeLookups(conn, model, request));
  const rows = (users: string) => `${quote(table)} p JOIN ${users} u ON u.id = p.user_id`;
  const outside = `(u.loaded_from_us IS NULL
        OR epoch_us(p.played_at) < u.loaded_from_us OR epoch_us(p.played_at) > u.loaded_to_us)`;
  return {
    async naturalKeys() {
      const users = await distinct(conn, table, 'user_id');
      const items = await distinct(conn, table, PLAY_FACT_TABLES[model].itemColumn);
      return { users, items };
    },
    async *fresh(request) {
      const { users, items } = await lookupTables(request);
      const parts = Math.max(1, Math.ceil((await rowIdEnd(conn, table)) / partRows));
      const path = (part: number) => join(dir, `${model}.fresh.${part}.csv`);
      const write = (part: number) =>
        conn.run(
          `COPY (SELECT ${request.freshSelectList}
                 FROM ${rows(users)} JOIN ${items} i ON i.id = p.${quote(request.itemColumn)}
                 WHERE ${outside}
                   AND p.rowid >= ${part * partRows} AND p.rowid < ${(part + 1) * partRows})
           TO ${literal(path(part))} (FORMAT csv, HEADER true)`,
        );
      let writing: Promise<unknown> | undefined = write(0);
      try {
        for (let part = 0; part < parts; part++) {
          await writing;
          writing = part + 1 < parts ? write(part + 1) : undefined;
          // awaited on the next turn, or in `finally` when the loader stops early
          writing?.catch(() => undefined);
          yield createReadStream(path(part));
        }
      } finally {
        await writing?.catch(() => undefined);
      }
    },
    async rest(request) {
      const { users } = await lookupTables(request);
      const path = join(dir, `${model}.rest.csv`);
      await conn.run(
        `COPY (SELECT ${loaderSelectList(model)} FROM (SELECT p.* FROM ${rows(users)} WHERE NOT ${outside}))
         TO ${literal(path)} (FORMAT csv, HEADER true)`,
      );
      return createReadStream(path);
    },
  };
}
