import { describe, expect, it } from 'vitest';
import { PROCESSED_COLUMNS, type ProcessedModel } from '@spotify-insights/warehouse';
import { PRESENTATION_AGGREGATES } from '../presentation/aggregates/index.ts';
import { NOW } from '../presentation/test-support/friend-group-fixture.ts';
import { useProcessedDb } from '../presentation/test-support/processed-db.ts';
import {
  PRESENTATION_USER_COLUMNS,
  PROCESSED_USER_COLUMNS,
  userTableFile,
} from './user-columns.ts';

// Any column by these names says whose row it is: a table holding one must declare it.
const MEMBER_COLUMN = /^(user_id|user_[a-z])$/;

describe('the user columns of the lake tables', () => {
  const db = useProcessedDb();

  it('every processed model declares exactly its member columns', () => {
    for (const model of Object.keys(PROCESSED_COLUMNS) as ProcessedModel[]) {
      const names = PROCESSED_COLUMNS[model].map(([name]) => name as string);
      expect([...PROCESSED_USER_COLUMNS[model]], model).toEqual(
        names.filter((n) => MEMBER_COLUMN.test(n)),
      );
    }
  });

  it('every presentation aggregate is classified, with columns it really has', async () => {
    expect(Object.keys(PRESENTATION_USER_COLUMNS).sort()).toEqual(
      PRESENTATION_AGGREGATES.map((a) => a.name).sort(),
    );
    for (const aggregate of PRESENTATION_AGGREGATES) {
      const described = await db.conn.runAndReadAll(`DESCRIBE ${aggregate.sql({ now: NOW })}`);
      const names = described.getRowObjectsJS().map((row) => String(row['column_name']));
      expect([...PRESENTATION_USER_COLUMNS[aggregate.name]!].sort(), aggregate.name).toEqual(
        names.filter((n) => MEMBER_COLUMN.test(n)).sort(),
      );
    }
  });
});

describe('userTableFile', () => {
  it('finds the table of processed files, partitioned or not, and of quarantine', () => {
    expect(userTableFile('processed', 'plays/played_date=2026-11-20/run-1_0.parquet')).toEqual({
      table: 'plays',
      format: 'parquet',
      userColumns: ['user_id'],
    });
    expect(userTableFile('processed', 'users/run-1_0.parquet')?.table).toBe('users');
    expect(
      userTableFile('processed', 'quarantine/saved_tracks/run=run-1/rows_0.parquet')?.table,
    ).toBe('saved_tracks');
  });

  it('finds presentation aggregates as Parquet and CSV, pairs by both columns', () => {
    expect(userTableFile('presentation', 'group_overlap/group_overlap.csv')).toEqual({
      table: 'group_overlap',
      format: 'csv',
      userColumns: ['user_a', 'user_b'],
    });
    expect(userTableFile('presentation', 'streaks/streaks.parquet')?.format).toBe('parquet');
  });

  it('leaves tables without user columns, reports and unknown objects alone', () => {
    for (const [layer, key] of [
      ['processed', 'tracks/run-1_0.parquet'],
      ['processed', 'chart_entries/chart_date=2026-11-20/run-1_0.parquet'],
      ['processed', 'quarantine/artists/run=run-1/rows_0.parquet'],
      ['processed', 'constructor/run-1_0.parquet'],
      ['presentation', 'playlist_rank_history/playlist_rank_history.csv'],
      ['presentation', 'quality/run-1/report.json'],
      ['presentation', 'streaks/other.csv'],
      ['presentation', 'toString/toString.csv'],
    ] as const)
      expect(userTableFile(layer, key), key).toBeUndefined();
  });
});
