import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';
import type { PresentationAggregate } from '../presentation-aggregate.ts';
import { FRIEND_GROUP_FIXTURE, NOW } from './friend-group-fixture.ts';
import { loadProcessedFixture, type ProcessedFixture } from './processed-tables.ts';

export interface ProcessedDb {
  conn: DuckDBConnection;
  /**
   * An aggregate's rows at NOW as JSON values (dates 'YYYY-MM-DD', timestamps
   * 'YYYY-MM-DD hh:mm:ss+00'), optionally only one user's (user_id).
   */
  rows: (aggregate: PresentationAggregate, userId?: string) => Promise<Record<string, unknown>[]>;
}

/**
 * One in-memory DuckDB (the real engine) holding a processed fixture, the friend group
 * unless told, for the tests of a describe block, closed after them.
 */
export const useProcessedDb = (fixture: ProcessedFixture = FRIEND_GROUP_FIXTURE): ProcessedDb => {
  let instance: DuckDBInstance | undefined;
  const db = {} as ProcessedDb;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    // Timestamps leave DuckDB in the session's zone: UTC, whatever the machine's.
    await conn.run(`SET TimeZone = 'UTC'`);
    await loadProcessedFixture(conn, fixture);
    db.conn = conn;
    db.rows = async (aggregate, userId) => {
      const reader = await conn.runAndReadAll(aggregate.sql({ now: NOW }));
      const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
      return userId === undefined ? rows : rows.filter((row) => row.user_id === userId);
    };
  });
  afterAll(() => {
    db.conn?.closeSync();
    instance?.closeSync();
  });
  return db;
};
