import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ModelQualityResult } from '@spotify-insights/quality';
import { afterEach, beforeEach } from 'vitest';
import { buildAndCheckModels } from '../build-models.ts';
import { stageRawFiles, type RawFile } from '../stage/stage-raw.ts';
import { FIXTURE_NOW, type RawLine } from './raw-fixtures.ts';

export interface TransformDb {
  conn: DuckDBConnection;
  /** A scratch folder for raw files and Parquet, removed after the test. */
  dir: string;
  /** The rows of a query as plain JS values (BIGINT as bigint). */
  rows: (sql: string) => Promise<Record<string, unknown>[]>;
  /** Writes lines as one raw NDJSON file of `topic` in `dir`. */
  writeRaw: (name: string, topic: string, lines: readonly RawLine[]) => Promise<RawFile>;
  /** Stages the files, builds and checks every model (now = the fixtures' day). */
  stageAndBuild: (files: readonly RawFile[], now?: Date) => Promise<ModelQualityResult[]>;
}

/**
 * A fresh in-memory DuckDB (the real engine) and scratch folder per test, closed and
 * removed after it. Call inside a describe block; use the fields inside the tests.
 */
export const useTransformDb = (): TransformDb => {
  let instance: DuckDBInstance | undefined;
  const db = {} as TransformDb;
  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const dir = await mkdtemp(join(tmpdir(), 'transform-test-'));
    Object.assign(db, {
      conn,
      dir,
      rows: async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS(),
      writeRaw: async (name: string, topic: string, lines: readonly RawLine[]) => {
        const path = join(dir, name);
        await writeFile(path, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
        return { topic, path };
      },
      stageAndBuild: async (files: readonly RawFile[], now = FIXTURE_NOW) => {
        await stageRawFiles(conn, files);
        return buildAndCheckModels(conn, { now });
      },
    });
  });
  afterEach(async () => {
    db.conn.closeSync();
    instance?.closeSync();
    await rm(db.dir, { recursive: true, force: true });
  });
  return db;
};
