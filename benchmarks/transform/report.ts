import { formatInteger, formatTextTable } from '../shared/text-table.ts';

/** One printed row: a stage (or the total, or a baseline), its seconds and plays per second. */
export interface TimedRow {
  label: string;
  seconds: number | undefined;
  /** Plays the row's rate is counted in. */
  rows: number;
}

export function formatTimedTable(rows: readonly TimedRow[]): string {
  return formatTextTable(
    ['stage', 'seconds', 'plays/s'],
    rows.map((r) => [
      r.label,
      r.seconds === undefined ? '-' : r.seconds.toFixed(2),
      r.seconds ? formatInteger(r.rows / r.seconds) : '-',
    ]),
  );
}

/** "1.42×  (target ≤ 1.5×: PASS)" and the like. */
export function passOrMiss(value: string, passed: boolean, target: string): string {
  return `${value}  (target ${target}: ${passed ? 'PASS' : 'MISS'})`;
}
