import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteString } from '@spotify-insights/quality';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESENTATION_AGGREGATES } from './aggregates/index.ts';
import {
  buildPresentation,
  presentationTable,
  writePresentationFiles,
} from './build-presentation.ts';
import { TransformError } from '../transform-error.ts';
import { NOW } from './test-support/friend-group-fixture.ts';
import { useProcessedDb } from './test-support/processed-db.ts';

const NAMES = PRESENTATION_AGGREGATES.map((aggregate) => aggregate.name);

describe('buildPresentation and writePresentationFiles over the friend group', () => {
  const db = useProcessedDb();
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'presentation-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const count = async (from: string): Promise<number> => {
    const [row] = (
      await db.conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${from}`)
    ).getRowObjectsJS();
    return row!.n as number;
  };
  const columnNames = async (from: string): Promise<string[]> =>
    (await db.conn.runAndReadAll(`SELECT * FROM ${from} LIMIT 0`)).columnNames();

  it('builds one pres_<name> table per aggregate, in order, and returns their rows', async () => {
    expect(new Set(NAMES).size).toBe(NAMES.length);
    const built = await buildPresentation(db.conn, { now: NOW });
    expect(built.map((table) => table.name)).toEqual(NAMES);
    for (const { name, rows } of built) {
      expect(rows.length, name).toBeGreaterThan(0);
      expect(await count(presentationTable(name)), name).toBe(rows.length);
    }
    // rows are plain JS values: a DATE as a Date, an INTEGER as a number
    expect(built[0]!.rows[0]).toMatchObject({
      user_id: 'u1',
      date: new Date('2025-12-31T00:00:00Z'),
      plays: 1,
    });
  });

  it('gives each aggregate, over the shared relations, the rows it derives alone', async () => {
    const built = await buildPresentation(db.conn, { now: NOW });
    for (const aggregate of PRESENTATION_AGGREGATES) {
      const alone = (await db.conn.runAndReadAll(aggregate.sql({ now: NOW }))).getRowObjectsJS();
      expect(built.find((table) => table.name === aggregate.name)?.rows, aggregate.name).toEqual(
        alone,
      );
    }
  });

  it('replaces an earlier build rather than adding to it', async () => {
    const first = await buildPresentation(db.conn, { now: NOW });
    const second = await buildPresentation(db.conn, { now: NOW });
    expect(second.map((table) => table.rows.length)).toEqual(
      first.map((table) => table.rows.length),
    );
    expect(await count(presentationTable('sessions'))).toBe(12);
  });

  it('writes <dir>/<name>/<name>.parquet and .csv with a header, read back with every row', async () => {
    await buildPresentation(db.conn, { now: NOW });
    const written = await writePresentationFiles(db.conn, dir);
    expect(written).toEqual(
      NAMES.flatMap((name) => [join(dir, name, `${name}.parquet`), join(dir, name, `${name}.csv`)]),
    );
    for (const name of NAMES) {
      const table = presentationTable(name);
      const parquet = quoteString(join(dir, name, `${name}.parquet`));
      const csv = quoteString(join(dir, name, `${name}.csv`));
      const rows = await count(table);
      expect(await count(`read_parquet(${parquet})`), name).toBe(rows);
      expect(await count(`read_csv(${csv}, header = true)`), name).toBe(rows);
      expect(await columnNames(`read_parquet(${parquet})`), name).toEqual(await columnNames(table));
      const [header] = (await readFile(join(dir, name, `${name}.csv`), 'utf8')).split('\n');
      expect(header!.split(','), name).toEqual(await columnNames(table));
    }
  });

  it('keeps the column types in Parquet (a date stays a DATE, minutes a DOUBLE)', async () => {
    await buildPresentation(db.conn, { now: NOW });
    await writePresentationFiles(db.conn, dir);
    const parquet = quoteString(join(dir, 'user_daily_listening', 'user_daily_listening.parquet'));
    const types = (await db.conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${parquet})`))
      .getRowObjectsJS()
      .map((row) => [row.column_name, row.column_type]);
    expect(types).toEqual([
      ['user_id', 'VARCHAR'],
      ['date', 'DATE'],
      ['minutes', 'DOUBLE'],
      ['streams', 'INTEGER'],
      ['plays', 'INTEGER'],
      ['distinct_tracks', 'INTEGER'],
      ['distinct_artists', 'INTEGER'],
      ['podcast_minutes', 'DOUBLE'],
      ['podcast_plays', 'INTEGER'],
    ]);
  });
});

describe('presentation failures', () => {
  const withEmptyDb = async (
    test: (conn: Awaited<ReturnType<DuckDBInstance['connect']>>) => Promise<void>,
  ) => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await test(conn);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  };

  it('refuses an invalid now with PARAMS_INVALID', async () => {
    await withEmptyDb(async (conn) => {
      await expect(buildPresentation(conn, { now: new Date('not a date') })).rejects.toMatchObject({
        code: 'PARAMS_INVALID',
      });
    });
  });

  it('names the relation DuckDB refused (AGGREGATE_FAILED) when the processed tables are missing', async () => {
    await withEmptyDb(async (conn) => {
      const failure = await buildPresentation(conn, { now: NOW }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TransformError);
      expect(failure).toMatchObject({
        code: 'AGGREGATE_FAILED',
        canRetry: false,
        // the first relation the aggregates share, built before any aggregate
        details: { relation: 'track_dim' },
      });
      expect((failure as Error).message).toMatch(/^presentation relation track_dim: /);
    });
  });

  it('reports WRITE_FAILED when the aggregates were not built', async () => {
    await withEmptyDb(async (conn) => {
      const dir = await mkdtemp(join(tmpdir(), 'presentation-'));
      try {
        await expect(writePresentationFiles(conn, dir)).rejects.toMatchObject({
          code: 'WRITE_FAILED',
          details: { aggregate: NAMES[0] },
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
