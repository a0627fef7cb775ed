import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  PLAY_FACT_TABLES,
  PgBinaryCopyEncoder,
  type FreshColumn,
  type PgBinaryType,
  type PlayFactModel,
  type PlayFactRequest,
  type PlayFactSource,
} from '@spotify-insights/warehouse';
import { binaryColumn, textColumn } from './duckdb-binary-columns.ts';
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

/** The DuckDB type a fresh column is cast to, so its vector is read in place. */
const DUCKDB_TYPES: Record<Exclude<PgBinaryType, 'text'>, string> = {
  int8: 'BIGINT',
  int4: 'INTEGER',
  int2: 'SMALLINT',
  bool: 'BOOLEAN',
  timestamptz: 'TIMESTAMPTZ',
  date: 'DATE',
};

type TextEnums = Map<number, { name: string; values: string[] }>;

/**
 * An ENUM type per text column of the fresh rows, of the values it takes, and those
 * values: DuckDB then hands the text over as codes into them (one scan for all columns).
 */
async function textEnums(
  conn: DuckDBConnection,
  model: string,
  columns: FreshColumn[],
  from: string,
): Promise<TextEnums> {
  const text = columns.flatMap((column, index) => (column.type === 'text' ? [index] : []));
  const enums: TextEnums = new Map();
  if (text.length === 0) return enums;
  const reader = await conn.runAndReadAll(
    `SELECT ${text
      .map((index) => {
        const value = `CAST(${columns[index]!.value} AS VARCHAR)`;
        return `list(DISTINCT ${value}) FILTER (WHERE ${value} IS NOT NULL)`;
      })
      .join(', ')} FROM ${from}`,
  );
  const [values = []] = reader.getRowsJS() as unknown as string[][][];
  for (const [position, index] of text.entries()) {
    const name = `${model}__fresh_text_${index}`;
    // an ENUM needs a value: a column all NULL gets one it never uses
    const members = values[position]?.length ? values[position] : [''];
    await conn.run(`CREATE OR REPLACE TYPE ${name} AS ENUM (${members.map(literal).join(', ')})`);
    enums.set(index, { name, values: members });
  }
  return enums;
}

/** The fresh rows as one COPY's binary data, chunk by chunk as DuckDB yields them. */
async function* binaryCopyData(
  conn: DuckDBConnection,
  columns: FreshColumn[],
  enums: TextEnums,
  from: string,
  order: readonly string[],
): AsyncGenerator<Buffer> {
  try {
    const selectList = columns.map((column, index) => {
      const textEnum = enums.get(index);
      if (column.type === 'text') return `enum_code(CAST(${column.value} AS ${textEnum!.name}))`;
      return `CAST(${column.value} AS ${DUCKDB_TYPES[column.type]})`;
    });
    const result = await conn.stream(
      `SELECT ${selectList.join(', ')} FROM ${from} ORDER BY ${order.join(', ')}`,
    );
    const encoder = new PgBinaryCopyEncoder(columns.map((column) => column.type));
    yield PgBinaryCopyEncoder.header();
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const rows = chunk.rowCount;
      const vectors = columns.map((_, index) => {
        const vector = chunk.getColumnVector(index);
        const textEnum = enums.get(index);
        return textEnum ? textColumn(vector, rows, textEnum.values) : binaryColumn(vector, rows);
      });
      yield encoder.encode(vectors, rows);
    }
    yield PgBinaryCopyEncoder.trailer();
  } finally {
    for (const { name } of enums.values()) await conn.run(`DROP TYPE IF EXISTS ${name}`);
  }
}

/**
 * A play fact of the batch, held in the run's DuckDB (`table`, the model's passed rows),
 * as the loader's source (see play-fact-copy.ts in libs/warehouse): DuckDB joins the rows
 * to the surrogate keys the loader found and yields the new rows in the fact's columns,
 * encoded here in PostgreSQL's binary COPY format and streamed to the COPY as they come
 * (DuckDB and the encoder work while PostgreSQL stores the last chunks), so PostgreSQL
 * only stores them. The other rows are written as CSV to `dir`.
 */
export function duckDbPlayFactSource(
  conn: DuckDBConnection,
  model: PlayFactModel,
  table: string,
  dir: string,
): PlayFactSource {
  let lookups: Promise<{ users: string; items: string }> | undefined;
  const lookupTables = (request: PlayFactRequest) =>
    (lookups ??= writeLookups(conn, model, request));
  const rows = (users: string) => `${quote(table)} p JOIN ${users} u ON u.id = p.user_id`;
  const outside = `(u.loaded_from_us IS NULL
        OR epoch_us(p.played_at) < u.loaded_from_us OR epoch_us(p.played_at) > u.loaded_to_us)`;
  // What needs no key, done while PostgreSQL merges the dimensions: the natural keys and
  // the text columns' ENUMs (over all the batch's rows: the fresh ones take a subset).
  const keysOf = async () => ({
    users: await distinct(conn, table, 'user_id'),
    items: await distinct(conn, table, PLAY_FACT_TABLES[model].itemColumn),
  });
  let prepared: Promise<{ keys: { users: string[]; items: string[] }; enums: TextEnums }>;
  const prepare = (columns: FreshColumn[]) =>
    (prepared ??= (async () => {
      const keys = await keysOf();
      return { keys, enums: await textEnums(conn, model, columns, quote(table)) };
    })());
  return {
    async prepare(columns) {
      await prepare(columns);
    },
    async naturalKeys() {
      return prepared ? (await prepared).keys : keysOf();
    },
    async *fresh(request) {
      const { enums } = await prepare(request.freshColumns);
      const { users, items } = await lookupTables(request);
      const from = `${rows(users)} JOIN ${items} i ON i.id = p.${quote(request.itemColumn)}
                    WHERE ${outside}`;
      const data = binaryCopyData(conn, request.freshColumns, enums, from, request.freshOrder);
      yield Readable.from(data, {
        objectMode: false,
      });
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
