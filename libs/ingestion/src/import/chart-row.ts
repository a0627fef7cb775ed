import type { ChartEntry, ChartPeriodUnit } from '@spotify-insights/schemas';
import type { ImportEnvelope } from './export-format.ts';

/** The pseudo user id of chart rows: charts belong to no user (see schemas/charts.avsc). */
export const CHARTS_OWNER = 'spotify-charts';

/** Spotify Charts' download names: <chart>-<YYYY-MM-DD>.csv, e.g. regional-global-daily-2024-01-01.csv. */
const CHART_FILE_NAME = /^([a-z0-9]+(?:-[a-z0-9]+)*)-(\d{4}-\d{2}-\d{2})\.csv$/i;

/** The chart and its date, from the file name; undefined when the name is not a chart's. */
export function chartOfFileName(
  fileName: string,
): { chartName: string; chartDate: number } | undefined {
  const match = CHART_FILE_NAME.exec(fileName);
  if (!match) return undefined;
  const ms = Date.parse(`${match[2]}T00:00:00Z`);
  if (Number.isNaN(ms)) return undefined;
  return { chartName: match[1]!.toLowerCase(), chartDate: ms / 86_400_000 };
}

const COMMON = [
  'rank',
  'uri',
  'artist_names',
  'track_name',
  'source',
  'peak_rank',
  'previous_rank',
];

/** Both headers Spotify Charts writes: weeks_on_chart, or days_on_chart in some downloads. */
export const CHART_HEADERS: Readonly<Record<ChartPeriodUnit, readonly string[]>> = {
  weeks: [...COMMON, 'weeks_on_chart', 'streams'],
  days: [...COMMON, 'days_on_chart', 'streams'],
};

/** Which header this is (by its column names, in order), or undefined. */
export function chartHeaderUnit(header: readonly string[]): ChartPeriodUnit | undefined {
  const names = header.map((h) => h.trim().toLowerCase());
  return (Object.keys(CHART_HEADERS) as ChartPeriodUnit[]).find(
    (unit) =>
      names.length === CHART_HEADERS[unit].length &&
      CHART_HEADERS[unit].every((name, i) => names[i] === name),
  );
}

export interface ChartFile {
  chartName: string;
  chartDate: number;
  unit: ChartPeriodUnit;
  header: readonly string[];
}

export type MappedChartRow = { ok: true; record: ChartEntry } | { ok: false; reason: string };

const TRACK_URI = /^spotify:track:([A-Za-z0-9]{22})$/;

/** A whole number at least `min`, or why not; '' is absent (null). */
function count(name: string, text: string, min: number): number | null | string {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min
    ? n
    : `${name}: not a whole number ≥ ${min}: ${JSON.stringify(text)}`;
}

/**
 * One data row of a chart CSV as a charts record. A previous_rank of -1 (Spotify's "new
 * entry") is null. What cannot be typed is a reason for the dead-letter topic.
 */
export function toChartEntry(
  fields: readonly string[],
  chart: ChartFile,
  envelope: ImportEnvelope,
): MappedChartRow {
  if (fields.length !== chart.header.length) {
    return {
      ok: false,
      reason: `${fields.length} fields where the header has ${chart.header.length}`,
    };
  }
  const row = Object.fromEntries(chart.header.map((name, i) => [name, fields[i]!]));
  const get = (i: number) => fields[i]!;
  const uri = TRACK_URI.exec(get(1).trim());
  if (!uri) return { ok: false, reason: `uri: not a spotify:track URI: ${JSON.stringify(get(1))}` };
  const rank = count('rank', get(0), 1);
  const peak = count('peak_rank', get(5), 1);
  const previous = get(6).trim() === '-1' ? null : count('previous_rank', get(6), 1);
  const periods = count(chart.header[7]!, get(7), 0);
  const streams = count('streams', get(8), 0);
  const problem = [rank, peak, previous, periods, streams].find((v) => typeof v === 'string');
  if (problem !== undefined) return { ok: false, reason: problem as string };
  if (rank === null) return { ok: false, reason: 'rank: missing' };
  if (get(3).trim() === '') return { ok: false, reason: 'track_name: missing' };
  return {
    ok: true,
    record: {
      user_id: CHARTS_OWNER,
      fetched_at: envelope.importedAt,
      endpoint: `import ${envelope.fileName}`,
      run_id: envelope.runId,
      chart_name: chart.chartName,
      chart_date: chart.chartDate,
      rank: rank as number,
      track_id: uri[1]!,
      track_name: get(3),
      artist_names: get(2),
      label: get(4).trim() === '' ? null : get(4),
      peak_rank: peak as number | null,
      previous_rank: previous as number | null,
      periods_on_chart: periods as number | null,
      period_unit: chart.unit,
      streams: streams as number | null,
      item_json: JSON.stringify(row),
    },
  };
}
