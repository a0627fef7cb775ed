import { describe, expect, it } from 'vitest';
import { checkTable } from './evaluate.ts';
import {
  acceptedValues,
  defineModelQuality,
  expression,
  matchesRegex,
  notNull,
  range,
  type Expectation,
} from './expectations.ts';
import { useInMemoryDuckDb } from './test-support/in-memory-duckdb.ts';

const now = new Date('2026-11-23T12:00:00Z');

// id 1 is fine everywhere; id 2 breaks every row-level expectation below; id 3 has NULLs.
const PLAYS = `CREATE OR REPLACE TABLE plays AS SELECT * FROM (VALUES
  (1, '4uLU6hMCjMI75M1A2tKUQC', 'trackdone', 180000, TIMESTAMP '2026-11-23 10:00:00'),
  (2, 'not a track id!',        'teleported', -5,    TIMESTAMP '1999-01-01 00:00:00'),
  (3, NULL,                      NULL,         NULL,  NULL)
) AS v(id, track_id, reason_end, ms_played, played_at)`;

describe('row-level expectations', () => {
  const db = useInMemoryDuckDb();

  const check = async (expectation: Expectation) => {
    await db.conn.run(PLAYS);
    const result = await checkTable(db.conn, {
      table: 'plays',
      model: defineModelQuality({ model: 'plays', expectations: [expectation] }),
      now,
    });
    const quarantined = await db.rows('SELECT id FROM plays__quarantine ORDER BY id');
    return { result: result.expectations[0], quarantinedIds: quarantined.map((row) => row['id']) };
  };

  it('not_null fails exactly the NULL rows and samples them as JSON rows', async () => {
    const { result, quarantinedIds } = await check(notNull('track_id'));
    expect(result).toMatchObject({ status: 'fail', failingRows: 1, failingShare: 1 / 3 });
    expect(result?.sample).toEqual([
      '{"id":3,"track_id":null,"reason_end":null,"ms_played":null,"played_at":null}',
    ]);
    expect(quarantinedIds).toEqual([3]);
  });

  it('accepted_values fails values outside the list, and a NULL is not one of them', async () => {
    const { result, quarantinedIds } = await check(
      acceptedValues('reason_end', ['trackdone', 'fwdbtn']),
    );
    expect(result).toMatchObject({ status: 'fail', failingRows: 1, sample: ['teleported'] });
    expect(quarantinedIds).toEqual([2]);
  });

  it('accepted_values compares numbers as numbers', async () => {
    const { result } = await check(acceptedValues('id', [1, 2, 3]));
    expect(result).toMatchObject({ status: 'pass', failingRows: 0, sample: [] });
  });

  it('range checks numbers, both bounds inclusive, and a NULL is not out of range', async () => {
    expect((await check(range('ms_played', { min: 0 }))).quarantinedIds).toEqual([2]);
    expect((await check(range('ms_played', { min: -5, max: 180000 }))).result?.status).toBe('pass');
    const { result } = await check(range('ms_played', { max: 0 }));
    expect(result).toMatchObject({ failingRows: 1, sample: ['180000'] });
  });

  it('range checks timestamps against Date bounds', async () => {
    const { result, quarantinedIds } = await check(
      range('played_at', { min: new Date('2020-01-01T00:00:00Z'), max: now }),
    );
    expect(result).toMatchObject({ status: 'fail', sample: ['1999-01-01 00:00:00'] });
    expect(quarantinedIds).toEqual([2]);
  });

  it('matches_regex fails non-matching text and lets NULL through (anchored by the pattern)', async () => {
    const { result, quarantinedIds } = await check(matchesRegex('track_id', '^[0-9A-Za-z]{22}$'));
    expect(result).toMatchObject({ status: 'fail', sample: ['not a track id!'] });
    expect(quarantinedIds).toEqual([2]);
  });

  it('matches_regex searches anywhere in the value when the pattern is not anchored', async () => {
    expect((await check(matchesRegex('track_id', 't'))).result?.status).toBe('pass');
  });

  it('expression fails rows where the predicate is FALSE; NULL holds, as in a CHECK', async () => {
    const { result, quarantinedIds } = await check(
      expression('positive_play_time', 'ms_played > 0'),
    );
    expect(result).toMatchObject({ name: 'positive_play_time', status: 'fail', failingRows: 1 });
    expect(result?.sample[0]).toContain('"id":2');
    expect(quarantinedIds).toEqual([2]);
  });

  it('a passing expectation quarantines nothing', async () => {
    const { result, quarantinedIds } = await check(notNull('id'));
    expect(result).toMatchObject({ status: 'pass', failingRows: 0, failingShare: 0, sample: [] });
    expect(result?.detail).toBe('all 3 rows pass');
    expect(quarantinedIds).toEqual([]);
  });
});
