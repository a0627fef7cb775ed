import { avroType, recordProblems } from '@spotify-insights/schemas';
import { describe, expect, it } from 'vitest';
import { chartHeaderUnit, chartOfFileName, CHART_HEADERS, toChartEntry } from './chart-row.ts';

const envelope = {
  userId: 'spotify-charts',
  fileName: 'regional-global-daily-2024-01-01.csv',
  runId: 'imp-1',
  importedAt: 1_700_000_000_000,
};
const chart = {
  chartName: 'regional-global-daily',
  chartDate: 19723,
  unit: 'days' as const,
  header: CHART_HEADERS.days,
};
const row = [
  '1',
  'spotify:track:4uLU6hMCjMI75M1A2tKUQC',
  'Tyler, The Creator, Kali Uchis',
  'See You Again',
  'Columbia',
  '1',
  '-1',
  '12',
  '3158203',
];

describe('chart files', () => {
  it('takes the chart and its date from the file name', () => {
    expect(chartOfFileName('regional-global-daily-2024-01-01.csv')).toEqual({
      chartName: 'regional-global-daily',
      chartDate: 19723,
    });
    expect(chartOfFileName('regional-de-weekly-2023-12-28.csv')?.chartName).toBe(
      'regional-de-weekly',
    );
    expect(chartOfFileName('charts.csv')).toBeUndefined();
  });

  it('knows both header variants, and nothing else', () => {
    expect(chartHeaderUnit(CHART_HEADERS.weeks)).toBe('weeks');
    expect(chartHeaderUnit(['rank', ...CHART_HEADERS.days.slice(1)])).toBe('days');
    expect(chartHeaderUnit(['rank', 'uri'])).toBeUndefined();
  });
});

describe('toChartEntry', () => {
  it('types a row, a previous_rank of -1 as null, and fits the Avro schema', () => {
    const mapped = toChartEntry(row, chart, envelope);
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.record).toMatchObject({
      user_id: 'spotify-charts',
      chart_name: 'regional-global-daily',
      chart_date: 19723,
      rank: 1,
      track_id: '4uLU6hMCjMI75M1A2tKUQC',
      artist_names: 'Tyler, The Creator, Kali Uchis',
      label: 'Columbia',
      previous_rank: null,
      periods_on_chart: 12,
      period_unit: 'days',
      streams: 3158203,
    });
    expect(JSON.parse(mapped.record.item_json)).toMatchObject({ days_on_chart: '12' });
    expect(recordProblems(avroType('charts'), mapped.record)).toEqual([]);
  });

  it('gives a reason for what cannot be typed', () => {
    const reason = (fields: string[]) => {
      const m = toChartEntry(fields, chart, envelope);
      return m.ok ? undefined : m.reason;
    };
    expect(reason(row.slice(0, 8))).toMatch(/8 fields where the header has 9/);
    expect(reason(row.with(1, 'spotify:album:x'))).toMatch(/^uri:/);
    expect(reason(row.with(0, 'first'))).toMatch(/^rank:/);
    expect(reason(row.with(8, '-5'))).toMatch(/^streams:/);
  });
});
