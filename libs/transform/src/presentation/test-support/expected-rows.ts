/**
 * Rows written as a header and one array of values per row, so an expected table reads
 * like a table: `table(['user_id', 'plays'], [['u1', 3], ['u2', 1]])`.
 */
export const table = (
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Record<string, unknown>[] =>
  rows.map((values) => Object.fromEntries(columns.map((column, index) => [column, values[index]])));

/** The listening measures of user_daily_listening and user_monthly_listening, in order. */
export const LISTENING_MEASURES = [
  'minutes',
  'streams',
  'plays',
  'distinct_tracks',
  'distinct_artists',
  'podcast_minutes',
  'podcast_plays',
] as const;

/** Only some columns of each row, as arrays in the order given. */
export const pick = (rows: readonly Record<string, unknown>[], ...columns: string[]): unknown[][] =>
  rows.map((row) => columns.map((column) => row[column]));
