import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseUserRows } from './erase-user-rows.ts';

let instance: DuckDBInstance;
let conn: DuckDBConnection;
let dir: string;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  dir = await mkdtemp(join(tmpdir(), 'erase-rows-'));
});
afterAll(async () => {
  conn.closeSync();
  instance.closeSync();
  await rm(dir, { recursive: true, force: true });
});

async function parquet(name: string, select: string): Promise<string> {
  const path = join(dir, name);
  await conn.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
  return path;
}

const erase = (input: string, format: 'parquet' | 'csv', userColumns: string[], userId = 'u1') =>
  eraseUserRows(conn, { input, output: `${input}.out`, format, userColumns, userId });

describe('eraseUserRows', () => {
  it('writes a Parquet file back without the member, keeping its types and NULL users', async () => {
    const input = await parquet(
      'plays.parquet',
      `SELECT * FROM (VALUES ('u1', DATE '2026-11-20', 1), ('u2', DATE '2026-11-20', 2),
                             (NULL, DATE '2026-11-21', 3)) t(user_id, played_date, n)`,
    );
    expect(await erase(input, 'parquet', ['user_id'])).toEqual({
      outcome: 'rewritten',
      rows: 3,
      rowsRemoved: 1,
    });
    const left = await conn.runAndReadAll(
      `SELECT user_id, played_date::VARCHAR AS d, n FROM read_parquet('${input}.out') ORDER BY n`,
    );
    expect(left.getRowObjectsJS()).toEqual([
      { user_id: 'u2', d: '2026-11-20', n: 2 },
      { user_id: null, d: '2026-11-21', n: 3 },
    ]);
  });

  it('takes a pair row out when the member is either user, and CSV keeps its text as written', async () => {
    const input = join(dir, 'group_overlap.csv');
    await writeFile(
      input,
      'user_a,user_b,note,when\nu0,u1,"a, b",2026-11-20 10:00:00+00\nu1,u2,,x\nu2,u3,"",2026-11-20 10:00:00+00\n',
    );
    expect(await erase(input, 'csv', ['user_a', 'user_b'])).toMatchObject({
      outcome: 'rewritten',
      rowsRemoved: 2,
    });
    expect(await readFile(`${input}.out`, 'utf8')).toBe(
      'user_a,user_b,note,when\nu2,u3,"",2026-11-20 10:00:00+00\n',
    );
  });

  it('writes nothing when none or all of the rows are the member', async () => {
    const theirs = await parquet('theirs.parquet', `SELECT 'u2' AS user_id`);
    expect(await erase(theirs, 'parquet', ['user_id'])).toEqual({
      outcome: 'untouched',
      rows: 1,
      rowsRemoved: 0,
    });
    const mine = await parquet('mine.parquet', `SELECT 'u1' AS user_id FROM range(3)`);
    expect(await erase(mine, 'parquet', ['user_id'])).toEqual({
      outcome: 'emptied',
      rows: 3,
      rowsRemoved: 3,
    });
  });

  it('refuses a file without the declared user column (ERASE_FAILED)', async () => {
    const input = await parquet('other.parquet', `SELECT 'u1' AS owner`);
    await expect(erase(input, 'parquet', ['user_id'])).rejects.toMatchObject({
      code: 'ERASE_FAILED',
    });
  });

  it('compares the id as a value, quotes and all', async () => {
    const input = await parquet(
      'quotes.parquet',
      `SELECT * FROM (VALUES ('o''brien'), ('u2')) t(user_id)`,
    );
    expect(await erase(input, 'parquet', ['user_id'], "o'brien")).toMatchObject({
      outcome: 'rewritten',
      rowsRemoved: 1,
    });
  });
});
