import { describe, expect, it } from 'vitest';
import { checkTable, qualityTableNames } from './evaluate.ts';
import {
  acceptedValues,
  defineModelQuality,
  expression,
  matchesRegex,
  notNull,
  range,
  rowCount,
  unique,
  type Expectation,
} from './expectations.ts';
import type { QualityError } from './quality-error.ts';
import { useInMemoryDuckDb } from './test-support/in-memory-duckdb.ts';

const now = new Date('2026-11-23T12:00:00Z');

// Ten plays: ids 1-7 good, 8 breaks two expectations at once, 9 and 10 one each.
const PLAYS = `CREATE TABLE plays AS SELECT * FROM (VALUES
  (1, 'a', 'trackdone', 1000), (2, 'b', 'trackdone', 1000), (3, 'c', 'fwdbtn', 1000),
  (4, 'd', 'trackdone', 1000), (5, 'e', 'trackdone', 1000), (6, 'f', 'fwdbtn', 1000),
  (7, 'g', 'trackdone', 1000), (8, NULL, 'teleported', 1000), (9, 'i', 'trackdone', -1),
  (10, 'j', 'nope', 1000)
) AS v(id, track_id, reason_end, ms_played)`;

const plays = (expectations: Expectation[]) => defineModelQuality({ model: 'plays', expectations });

describe('checkTable', () => {
  const db = useInMemoryDuckDb();

  const checkPlays = async (expectations: Expectation[]) => {
    await db.conn.run(PLAYS);
    return checkTable(db.conn, { table: 'plays', model: plays(expectations), now });
  };

  const STANDARD = [
    notNull('track_id'),
    acceptedValues('reason_end', ['trackdone', 'fwdbtn'], { severity: 'warn' }),
    range('ms_played', { min: 0 }, { severity: 'warn' }),
  ];

  it('splits the batch: passed + quarantined = in, each row in exactly one table', async () => {
    const result = await checkPlays(STANDARD);
    expect(result.counts).toEqual({ in: 10, passed: 7, quarantined: 3 });
    const passed = await db.rows('SELECT id FROM plays__passed ORDER BY id');
    const quarantined = await db.rows('SELECT id FROM plays__quarantine ORDER BY id');
    expect(passed.map((row) => row['id'])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(quarantined.map((row) => row['id'])).toEqual([8, 9, 10]);
  });

  it('names every failed row-level expectation of each quarantined row, in declaration order', async () => {
    await checkPlays(STANDARD);
    expect(
      await db.rows('SELECT id, failed_expectations FROM plays__quarantine ORDER BY id'),
    ).toEqual([
      { id: 8, failed_expectations: ['not_null(track_id)', 'accepted_values(reason_end)'] },
      { id: 9, failed_expectations: ['range(ms_played)'] },
      { id: 10, failed_expectations: ['accepted_values(reason_end)'] },
    ]);
  });

  it('gives quarantine every column plus failed_expectations VARCHAR[], and passed the same columns as in', async () => {
    await checkPlays(STANDARD);
    const columns = async (table: string) =>
      (await db.rows(`DESCRIBE ${table}`)).map((row) => [row['column_name'], row['column_type']]);
    const original = await columns('plays');
    expect(await columns('plays__passed')).toEqual(original);
    expect(await columns('plays__quarantine')).toEqual([
      ...original,
      ['failed_expectations', 'VARCHAR[]'],
    ]);
  });

  it('counts failing rows per expectation, a row failing two counting for both', async () => {
    const result = await checkPlays(STANDARD);
    expect(result.expectations.map((e) => [e.name, e.failingRows])).toEqual([
      ['not_null(track_id)', 1],
      ['accepted_values(reason_end)', 2],
      ['range(ms_played)', 1],
    ]);
    expect(result.expectations[1]?.sample).toEqual(['nope', 'teleported']);
  });

  it('leaves the checked table as it was and drops its temporary work table', async () => {
    await checkPlays(STANDARD);
    expect(await db.rows('SELECT count(*) AS n FROM plays')).toEqual([{ n: 10n }]);
    const leftovers = await db.rows(
      `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'plays%' ORDER BY table_name`,
    );
    expect(leftovers.map((row) => row['table_name'])).toEqual([
      'plays',
      'plays__passed',
      'plays__quarantine',
    ]);
  });

  it('replaces its output tables when the same table is checked again', async () => {
    await checkPlays(STANDARD);
    await db.conn.run('DELETE FROM plays WHERE id = 8');
    const again = await checkTable(db.conn, { table: 'plays', model: plays(STANDARD), now });
    expect(again.counts).toEqual({ in: 9, passed: 7, quarantined: 2 });
    expect(await db.rows('SELECT count(*) AS n FROM plays__quarantine')).toEqual([{ n: 2n }]);
  });

  it('with no row-level expectations, passes every row to the table-level ones', async () => {
    const result = await checkPlays([rowCount({ min: 10 })]);
    expect(result.counts).toEqual({ in: 10, passed: 10, quarantined: 0 });
    expect(result.blocking).toBe(false);
  });

  it('reports the model, the table and the now it was checked against', async () => {
    const result = await checkPlays(STANDARD);
    expect(result).toMatchObject({
      model: 'plays',
      table: 'plays',
      checkedAt: '2026-11-23T12:00:00.000Z',
    });
    expect(qualityTableNames('plays')).toEqual({
      passed: 'plays__passed',
      quarantine: 'plays__quarantine',
    });
  });

  describe('the blocking rule', () => {
    it('a critical row-level expectation within its allowed share quarantines and does not block', async () => {
      const result = await checkPlays([notNull('track_id', { maxFailingShare: 0.1 })]);
      expect(result.expectations[0]).toMatchObject({
        status: 'fail',
        failingShare: 0.1,
        blocking: false,
      });
      expect(result.blocking).toBe(false);
    });

    it('a critical row-level expectation above its allowed share blocks the batch', async () => {
      // 1 of 10 rows fail: above the default 5%.
      const result = await checkPlays([notNull('track_id')]);
      expect(result.expectations[0]).toMatchObject({ severity: 'critical', blocking: true });
      expect(result.blocking).toBe(true);
    });

    it('a warn expectation never blocks, however many rows fail it', async () => {
      const result = await checkPlays([expression('never', 'FALSE', { severity: 'warn' })]);
      expect(result.expectations[0]).toMatchObject({ failingShare: 1, blocking: false });
      expect(result.counts.quarantined).toBe(10);
      expect(result.blocking).toBe(false);
    });

    it('a critical table-level failure blocks by default; a warn one does not', async () => {
      const critical = await checkPlays([unique(['reason_end'])]);
      expect(critical.blocking).toBe(true);
      await db.conn.run('DROP TABLE plays');
      const warned = await checkPlays([unique(['reason_end'], { severity: 'warn' })]);
      expect(warned.expectations[0]?.status).toBe('fail');
      expect(warned.blocking).toBe(false);
    });
  });

  describe('hostile names', () => {
    it('checks a table and columns whose names are SQL, and an accepted value with quotes', async () => {
      const table = `t"; DROP TABLE plays; --`;
      const column = `c'); DELETE FROM plays; --`;
      await db.conn.run(PLAYS);
      await db.conn.run(
        `CREATE TABLE "t""; DROP TABLE plays; --" AS SELECT * FROM (VALUES ('it''s'), ('x')) AS v("c'); DELETE FROM plays; --")`,
      );
      const result = await checkTable(db.conn, {
        table,
        model: defineModelQuality({
          model: 'hostile',
          expectations: [
            acceptedValues(column, [`it's`], { severity: 'warn', name: `it's "named"` }),
            matchesRegex(column, `^it's$`, { severity: 'warn' }),
          ],
        }),
        now,
      });
      expect(result.counts).toEqual({ in: 2, passed: 1, quarantined: 1 });
      expect(result.expectations[0]).toMatchObject({ name: `it's "named"`, sample: ['x'] });
      expect(await db.rows('SELECT count(*) AS n FROM plays')).toEqual([{ n: 10n }]);
      expect(
        await db.rows(
          `SELECT failed_expectations AS f FROM "t""; DROP TABLE plays; --__quarantine"`,
        ),
      ).toEqual([{ f: [`it's "named"`, `matches_regex(${column})`] }]);
    });

    it('checks a column named like the parameter of the SQL that lists failed expectations', async () => {
      await db.conn.run(`CREATE TABLE plays AS SELECT * FROM (VALUES ('x'), (NULL)) AS v(name)`);
      await checkTable(db.conn, {
        table: 'plays',
        model: plays([notNull('name', { severity: 'warn' })]),
        now,
      });
      expect(await db.rows('SELECT name, failed_expectations AS f FROM plays__quarantine')).toEqual(
        [{ name: null, f: ['not_null(name)'] }],
      );
    });
  });

  describe('errors', () => {
    const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> =>
      promise.then(
        () => undefined,
        (error: QualityError) => error.code,
      );

    it('TABLE_MISSING when the table does not exist', async () => {
      expect(await codeOf(checkTable(db.conn, { table: 'nope', model: plays([]), now }))).toBe(
        'TABLE_MISSING',
      );
    });

    it('COLUMN_INVALID for a missing column or a bound of the wrong type, before any SQL runs', async () => {
      expect(await codeOf(checkPlays([notNull('nope')]))).toBe('COLUMN_INVALID');
      await db.conn.run('DROP TABLE plays');
      expect(await codeOf(checkPlays([range('reason_end', { min: 0 })]))).toBe('COLUMN_INVALID');
      expect(
        await db.rows(`SELECT * FROM duckdb_tables() WHERE table_name LIKE '%__passed'`),
      ).toEqual([]);
    });

    it('COLUMN_INVALID when the table already has a failed_expectations column', async () => {
      await db.conn.run('CREATE TABLE plays AS SELECT 1 AS failed_expectations');
      await expect(checkTable(db.conn, { table: 'plays', model: plays([]), now })).rejects.toThrow(
        /already has a column failed_expectations/,
      );
    });

    it('EVALUATION_FAILED, naming the model, when DuckDB rejects an expression or a regex', async () => {
      await expect(checkPlays([expression('bad', 'no_such_column > 1')])).rejects.toMatchObject({
        code: 'EVALUATION_FAILED',
        message: expect.stringMatching(/^model plays: DuckDB could not check table plays: /),
      });
      await db.conn.run('DROP TABLE plays');
      expect(await codeOf(checkPlays([matchesRegex('track_id', '(')]))).toBe('EVALUATION_FAILED');
    });
  });
});
