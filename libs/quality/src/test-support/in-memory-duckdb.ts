import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach } from 'vitest';

export interface InMemoryDuckDb {
  conn: DuckDBConnection;
  /** The rows of a query as plain JS values (BIGINT as bigint). */
  rows: (sql: string) => Promise<Record<string, unknown>[]>;
}

/**
 * A fresh in-memory DuckDB per test (a real engine, nothing mocked), closed after it.
 * Call inside a describe block; read `db.conn` and `db.rows` inside the tests.
 */
export const useInMemoryDuckDb = (): InMemoryDuckDb => {
  let instance: DuckDBInstance | undefined;
  const db = {} as InMemoryDuckDb;
  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    db.conn = conn;
    db.rows = async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJS();
  });
  afterEach(() => {
    db.conn.closeSync();
    instance?.closeSync();
  });
  return db;
};
