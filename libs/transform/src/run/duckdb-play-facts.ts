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

/** The distinct values (as text, NULL left out) of each expression over `from`, in one scan. */
async function distinctValues(
  conn: DuckDBConnection,
  from: string,
  expressions: string[],
): Promise<string[][]> {
  const reader = await conn.runAndReadAll(
    `SELECT ${expressions
      .map((expression) => {
        const value = `CAST(${expression} AS VARCHAR)`;
        return `list(DISTINCT ${value}) FILTER (WHERE ${value} IS NOT NULL)`;
      })
      .join(', ')} FROM ${from}`,
  );
  const [row = []] = reader.getRowsJS() as unknown as Array<Array<string[] | null>>;
  return expressions.map((_, index) => row[index] ?? []);
}

/** An ENUM type of `values`; returns its members (an ENUM needs one: '' when there are none). */
async function createEnum(conn: DuckDBConnection, name: string, values: string[]) {
  const members = values.length ? values : [''];
  await conn.run(`CREATE OR REPLACE TYPE ${name} AS ENUM (${members.map(literal).join(', ')})`);
  return members;
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

/** One query's rows of fresh plays: one user's, in played_at order, keys resolved. */
type FreshQuery = string;

/**
 * The fresh rows as one COPY's binary data, query after query, chunk by chunk; then
 * `cleanUp` (also when the reader stops early: it runs once DuckDB is no longer read).
 */
async function* binaryCopyData(
  conn: DuckDBConnection,
  columns: FreshColumn[],
  enums: TextEnums,
  queries: FreshQuery[],
  cleanUp: () => Promise<void>,
): AsyncGenerator<Buffer> {
  try {
    const encoder = new PgBinaryCopyEncoder(columns.map((column) => column.type));
    yield PgBinaryCopyEncoder.header();
    for (const query of queries) {
      const result = await conn.stream(query);
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
    }
    yield PgBinaryCopyEncoder.trailer();
  } finally {
    await cleanUp();
  }
}

/** A fresh column whose value names a surrogate key: resolved per user at the COPY. */
const namesKey = (column: FreshColumn) => /\b(user_key|item_key)\b/.test(column.value);

/** A fresh column's value as DuckDB hands it to the encoder (text: the code in its ENUM). */
function encodedValue(column: FreshColumn, textEnum: { name: string } | undefined): string {
  if (column.type === 'text') return `enum_code(CAST(${column.value} AS ${textEnum!.name}))`;
  return `CAST(${column.value} AS ${DUCKDB_TYPES[column.type]})`;
}

interface Prepared {
  keys: { users: string[]; items: string[] };
  /** The text columns' ENUMs, by fresh column index: the rows hold codes into them. */
  enums: TextEnums;
  /** ENUM types of the natural keys: a user's or an item's number is its code. */
  numberTypes: { users: string; items: string };
  /**
   * The batch's rows as the COPY wants them but for the surrogate keys: per row its
   * user's and item's number, played_at in epoch microseconds (for the loaded ranges) and
   * column c<i> for each fresh column i that names no key, already encoded; sorted by
   * user, played_at, item.
   */
  sorted: string;
  /** The variable the item keys go in once known (a list by item number + 1). */
  itemKeys: string;
}

/**
 * A play fact of the batch, held in the run's DuckDB (`table`, the model's passed rows),
 * as the loader's source (see play-fact-copy.ts in libs/warehouse): DuckDB joins the rows
 * to the surrogate keys the loader found and yields the new rows in the fact's columns,
 * encoded here in PostgreSQL's binary COPY format and streamed to the COPY as they come
 * (DuckDB and the encoder work while PostgreSQL stores the last chunks), so PostgreSQL
 * only stores them. The other rows are written as CSV to `dir`.
 *
 * Most of the work needs no surrogate key and is done in `prepare`, before the load (the
 * transform runs it while promote uploads; loadBatch, if nobody did, while PostgreSQL
 * merges the dimensions): in one scan the natural keys and the text columns' values, each
 * made an ENUM, then a copy of the rows in the COPY's types (text as ENUM codes), each
 * numbered by its user's and item's code and sorted: narrow rows of numbers sort fast,
 * and casting to an ENUM is a lookup within the row, no join. Once the keys are known,
 * each user's rows are read from it in the order of the users' keys, the item key
 * looked up by number in a list (again in the row: DuckDB keeps a single table's order
 * through WHERE and SELECT, not through a join), so they reach PostgreSQL in the grain's
 * order without a sort in between. Two plays of a user in one second keep their items'
 * numbers' order: only the key build's speed depends on it.
 */
export function duckDbPlayFactSource(
  conn: DuckDBConnection,
  model: PlayFactModel,
  table: string,
  dir: string,
): PlayFactSource {
  const itemColumn = PLAY_FACT_TABLES[model].itemColumn;
  // per request: a load attempt that failed and is retried asks again, with other keys
  let lookups:
    { request: PlayFactRequest; tables: Promise<{ users: string; items: string }> } | undefined;
  const lookupTables = (request: PlayFactRequest) => {
    if (lookups?.request !== request)
      lookups = { request, tables: writeLookups(conn, model, request) };
    return lookups.tables;
  };
  const rows = (users: string) => `${quote(table)} p JOIN ${users} u ON u.id = p.user_id`;
  const outside = `(u.loaded_from_us IS NULL
        OR epoch_us(p.played_at) < u.loaded_from_us OR epoch_us(p.played_at) > u.loaded_to_us)`;
  const keyColumns = ['user_id', quote(itemColumn)];
  const keysOf = async () => {
    const [users = [], items = []] = await distinctValues(conn, quote(table), keyColumns);
    return { users, items };
  };
  // prepared for one list of fresh columns (the loader gives the same to prepare and fresh)
  let prepared: { columns: string; work: Promise<Prepared> } | undefined;
  // each preparation names its objects apart, so that a used-up one's late clean-up (after
  // a failed COPY) cannot drop those of the next attempt's
  let preparations = 0;
  const prepare = (columns: FreshColumn[]) => {
    if (prepared?.columns === JSON.stringify(columns)) return prepared.work;
    const prefix = `${model}__${++preparations}`;
    const work = (async (): Promise<Prepared> => {
      const text = columns.flatMap((column, index) =>
        column.type === 'text' && !namesKey(column) ? [index] : [],
      );
      // over all the batch's rows: the fresh ones take a subset
      const [users = [], items = [], ...texts] = await distinctValues(conn, quote(table), [
        ...keyColumns,
        ...text.map((index) => columns[index]!.value),
      ]);
      const enums: TextEnums = new Map();
      for (const [position, index] of text.entries()) {
        const name = `${prefix}_fresh_text_${index}`;
        enums.set(index, { name, values: await createEnum(conn, name, texts[position] ?? []) });
      }
      const numberTypes = { users: `${prefix}_user_numbers`, items: `${prefix}_item_numbers` };
      await createEnum(conn, numberTypes.users, users);
      await createEnum(conn, numberTypes.items, items);
      const encoded = columns.flatMap((column, index) =>
        namesKey(column) ? [] : [`${encodedValue(column, enums.get(index))} AS c${index}`],
      );
      const sorted = `${prefix}_sorted`;
      await conn.run(
        `CREATE OR REPLACE TEMP TABLE ${sorted} AS
         SELECT enum_code(CAST(user_id AS ${numberTypes.users})) AS user_no,
                enum_code(CAST(${quote(itemColumn)} AS ${numberTypes.items})) AS item_no,
                epoch_us(played_at) AS played_at_us, ${encoded.join(', ')}
         FROM ${quote(table)} WHERE user_id IS NOT NULL AND ${quote(itemColumn)} IS NOT NULL
         ORDER BY user_no, played_at_us, item_no`,
      );
      return {
        keys: { users, items },
        enums,
        numberTypes,
        sorted,
        itemKeys: `${prefix}_item_keys`,
      };
    })();
    prepared = { columns: JSON.stringify(columns), work };
    return work;
  };
  return {
    async prepare(columns) {
      await prepare(columns);
    },
    async naturalKeys() {
      if (!prepared) return keysOf();
      // copies: the numbering of the rows depends on the prepared lists' order
      const { users, items } = (await prepared.work).keys;
      return { users: [...users], items: [...items] };
    },
    async *fresh(request) {
      const columns = request.freshColumns;
      const { keys, enums, numberTypes, sorted, itemKeys } = await prepare(columns);
      const { items } = await lookupTables(request);
      // the item keys as a list by item number + 1 (NULL: no dimension row, not loaded)
      await conn.run(
        `SET VARIABLE ${itemKeys} = (SELECT list(k.item_key ORDER BY enum_code(CAST(n.id AS ${numberTypes.items})))
         FROM (SELECT unnest(enum_range(NULL::${numberTypes.items})) AS id) n
         LEFT JOIN ${items} k ON k.id = CAST(n.id AS VARCHAR))`,
      );
      const selectList = columns
        .map((column, index) =>
          namesKey(column) ? encodedValue(column, enums.get(index)) : `c${index}`,
        )
        .join(', ');
      const numbers = new Map(keys.users.map((id, index) => [id, index]));
      const queries = request.users
        .filter((user) => numbers.has(user.id))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map((user) => {
          const range =
            user.loadedFromUs === null
              ? ''
              : ` AND (played_at_us < ${user.loadedFromUs} OR played_at_us > ${user.loadedToUs})`;
          return `SELECT ${selectList} FROM (
                    SELECT s.*, CAST(${user.key} AS BIGINT) AS user_key,
                           getvariable('${itemKeys}')[s.item_no + 1] AS item_key
                    FROM ${sorted} s WHERE s.user_no = ${numbers.get(user.id)}
                  ) WHERE item_key IS NOT NULL${range}`;
        });
      const cleanUp = async () => {
        // what it prepared is used up: another attempt of the load prepares again
        prepared = undefined;
        await conn.run(`DROP TABLE IF EXISTS ${sorted}`);
        await conn.run(`RESET VARIABLE ${itemKeys}`);
        for (const name of [
          ...[...enums.values()].map((e) => e.name),
          ...Object.values(numberTypes),
        ])
          await conn.run(`DROP TYPE IF EXISTS ${name}`);
      };
      const data = binaryCopyData(conn, columns, enums, queries, cleanUp);
      yield Readable.from(data, { objectMode: false });
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
