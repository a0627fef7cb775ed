import { describe, expect, it } from 'vitest';
import { TOPIC, type RawLine } from '../test-support/raw-fixtures.ts';
import { useTransformDb } from '../test-support/transform-db.ts';

const DAY = Date.parse('2024-01-01T00:00:00Z') / 86_400_000;
const TRACK = '4uLU6hMCjMI75M1A2tKUQC';

/** A raw line of the charts topic, as libs/ingestion lands an imported CSV row. */
const chartLine = (
  rank: number,
  fetchedAt: number,
  fields: Record<string, unknown> = {},
): RawLine => ({
  envelope: { user_id: 'spotify-charts', fetched_at: fetchedAt, run_id: `import-${fetchedAt}` },
  fields: {
    chart_name: 'regional-global-daily',
    chart_date: DAY,
    rank,
    track_id: TRACK,
    track_name: 'Song',
    artist_names: 'A, B',
    label: 'Label',
    peak_rank: 1,
    previous_rank: null,
    periods_on_chart: 3,
    period_unit: 'days',
    streams: 1_000_000,
    ...fields,
  },
  item: { rank: String(rank) },
});

describe('chart_entries', () => {
  const db = useTransformDb();

  it('is one row per (chart, date, rank) from the charts topic, the newest import winning', async () => {
    await db.stageAndBuild([
      await db.writeRaw('a.ndjson', TOPIC.charts, [chartLine(1, 1_000), chartLine(2, 1_000)]),
      await db.writeRaw('b.ndjson', TOPIC.charts, [chartLine(1, 2_000, { streams: 5 })]),
    ]);

    expect(await db.rows('SELECT * FROM chart_entries ORDER BY rank')).toEqual([
      {
        chart_name: 'regional-global-daily',
        chart_date: new Date('2024-01-01'),
        rank: 1,
        track_id: TRACK,
        streams: 5n,
        peak_rank: 1,
        previous_rank: null,
        periods_on_chart: 3,
        source: 'charts_csv',
      },
      expect.objectContaining({ rank: 2, streams: 1_000_000n }),
    ]);
  });

  it('gives chart tracks a tracks row (so the loader finds dim_track) and no user', async () => {
    await db.stageAndBuild([await db.writeRaw('a.ndjson', TOPIC.charts, [chartLine(1, 1_000)])]);

    expect(await db.rows('SELECT track_id, track_name FROM tracks')).toEqual([
      { track_id: TRACK, track_name: 'Song' },
    ]);
    expect(await db.rows('SELECT count(*) AS n FROM users')).toEqual([{ n: 0n }]);
  });
});
