import { describe, expect, it } from 'vitest';
import { checkTable } from './evaluate.ts';
import {
  defineModelQuality,
  freshness,
  notNull,
  rowCount,
  unique,
  type Expectation,
} from './expectations.ts';
import { useInMemoryDuckDb } from './test-support/in-memory-duckdb.ts';

// A fixed clock: every freshness answer below is decided by these dates alone.
const now = new Date('2026-11-23T12:00:00Z');

describe('table-level expectations', () => {
  const db = useInMemoryDuckDb();

  const check = async (createTable: string, expectations: Expectation[]) => {
    await db.conn.run(createTable);
    return checkTable(db.conn, {
      table: 'plays',
      model: defineModelQuality({ model: 'plays', expectations }),
      now,
    });
  };

  describe('unique', () => {
    const PLAYS = `CREATE TABLE plays AS SELECT * FROM (VALUES
      ('alice', 1), ('alice', 1), ('alice', 1), ('bob', 2), ('bob', 2), ('carol', 3),
      (NULL, 4), (NULL, 4)
    ) AS v(user_id, n)`;

    it('fails the table, names the duplicated keys, and quarantines none of them', async () => {
      const result = await check(PLAYS, [unique(['user_id', 'n'])]);
      expect(result.expectations[0]).toMatchObject({
        name: 'unique(user_id, n)',
        columns: ['user_id', 'n'],
        status: 'fail',
        failingRows: 5,
        failingShare: 5 / 8,
        sample: ['user_id=alice, n=1 (3 rows)', 'user_id=bob, n=2 (2 rows)'],
        detail: '5 of 8 rows share 2 duplicated keys of (user_id, n)',
        blocking: true,
      });
      expect(result.counts).toEqual({ in: 8, passed: 8, quarantined: 0 });
    });

    it('leaves out keys with a NULL (not_null is what catches those)', async () => {
      const result = await check(
        `CREATE TABLE plays AS SELECT * FROM (VALUES (NULL, 1), (NULL, 1), ('a', 1)) AS v(user_id, n)`,
        [unique(['user_id', 'n'])],
      );
      expect(result.expectations[0]).toMatchObject({ status: 'pass', failingRows: 0 });
    });

    it('judges only the passed rows: a duplicate that is quarantined does not count', async () => {
      const result = await check(
        `CREATE TABLE plays AS SELECT * FROM (VALUES ('a', 1), ('a', NULL)) AS v(user_id, n)`,
        [notNull('n'), unique(['user_id'])],
      );
      expect(result.expectations.map((e) => e.status)).toEqual(['fail', 'pass']);
    });
  });

  describe('row_count', () => {
    const THREE_ROWS = `CREATE TABLE plays AS SELECT * FROM range(3) AS t(n)`;

    it('passes within its bounds, inclusive', async () => {
      const result = await check(THREE_ROWS, [rowCount({ min: 3, max: 3 })]);
      expect(result.expectations[0]).toMatchObject({
        name: 'row_count',
        status: 'pass',
        detail: '3 rows passed; expected at least 3 and at most 3',
      });
    });

    it('fails below min and above max', async () => {
      const tooFew = await check(THREE_ROWS, [rowCount({ min: 4 })]);
      expect(tooFew.expectations[0]).toMatchObject({ status: 'fail', failingShare: 1 });
      await db.conn.run('DROP TABLE plays');
      const tooMany = await check(THREE_ROWS, [rowCount({ max: 2 })]);
      expect(tooMany.expectations[0]).toMatchObject({ status: 'fail', blocking: true });
    });

    it('counts the rows that passed, not the rows in', async () => {
      const result = await check(
        `CREATE TABLE plays AS SELECT * FROM (VALUES (1), (NULL), (NULL)) AS v(n)`,
        [notNull('n', { severity: 'warn' }), rowCount({ min: 2 })],
      );
      expect(result.expectations[1]).toMatchObject({
        status: 'fail',
        detail: '1 row passed; expected at least 2',
      });
    });
  });

  describe('freshness', () => {
    it.each([
      ['TIMESTAMP', `TIMESTAMP '2026-11-23 00:00:00'`],
      ['TIMESTAMPTZ', `TIMESTAMPTZ '2026-11-23 00:00:00+00'`],
      ['DATE', `DATE '2026-11-23'`],
    ])('passes when the newest %s is younger than maxAgeHours before now', async (_, newest) => {
      const result = await check(
        `CREATE TABLE plays AS SELECT * FROM (VALUES (${newest}), (NULL)) AS v(fetched_at)`,
        [freshness('fetched_at', { maxAgeHours: 12 })],
      );
      expect(result.expectations[0]).toMatchObject({ status: 'pass', sample: [] });
    });

    it('fails when the newest value is older, and shows it', async () => {
      const result = await check(
        `CREATE TABLE plays AS SELECT * FROM (VALUES
           (TIMESTAMP '2026-11-20 00:00:00'), (TIMESTAMP '2026-11-22 23:00:00')) AS v(fetched_at)`,
        [freshness('fetched_at', { maxAgeHours: 12 })],
      );
      expect(result.expectations[0]).toMatchObject({
        name: 'freshness(fetched_at)',
        status: 'fail',
        failingShare: 1,
        sample: ['2026-11-22 23:00:00'],
        detail:
          'newest fetched_at is 2026-11-22 23:00:00, 13.0 h before 2026-11-23T12:00:00.000Z; allowed 12 h',
      });
    });

    it('fails when no row has a value: no data is not fresh data', async () => {
      const result = await check(
        `CREATE TABLE plays AS SELECT CAST(NULL AS TIMESTAMP) AS fetched_at FROM range(3)`,
        [freshness('fetched_at', { maxAgeHours: 12 })],
      );
      expect(result.expectations[0]).toMatchObject({
        status: 'fail',
        detail: 'no passed row has a fetched_at; allowed 12 h',
      });
    });

    it('passes a batch without rows of the table: an incremental run judges what it brings', async () => {
      const result = await check(`CREATE TABLE plays (fetched_at TIMESTAMP)`, [
        freshness('fetched_at', { maxAgeHours: 12 }),
      ]);
      expect(result.expectations[0]).toMatchObject({
        status: 'pass',
        detail: 'no rows in this batch: nothing to judge; allowed 12 h',
      });
    });
  });
});
