import { formatInteger, formatTextTable } from '../shared/text-table.ts';

/** The printed result: one row per stage, then the ratios against the baseline and targets. */
export interface StageRow {
  stage: string;
  records: number;
  /** Undefined for the native tool, which reports rates only. */
  seconds?: number;
  recordsPerSecond: number;
  /** MiB per second of Avro values (Kafka's tools count MB the same way). */
  mbPerSecond: number;
}

const MIB = 1024 * 1024;

export function stageRow(
  stage: string,
  records: number,
  seconds: number,
  bytesPerRecord: number,
): StageRow {
  const recordsPerSecond = records / seconds;
  return {
    stage,
    records,
    seconds,
    recordsPerSecond,
    mbPerSecond: (recordsPerSecond * bytesPerRecord) / MIB,
  };
}

export function formatTable(rows: readonly StageRow[]): string {
  return formatTextTable(
    ['stage', 'records', 'seconds', 'records/s', 'MB/s'],
    rows.map((r) => [
      r.stage,
      formatInteger(r.records),
      r.seconds === undefined ? '-' : r.seconds.toFixed(2),
      formatInteger(r.recordsPerSecond),
      r.mbPerSecond.toFixed(1),
    ]),
  );
}

/** "0.62×  (target ≥ 0.5×: met)" and the like. */
export function verdict(value: string, reached: boolean, target: string): string {
  return `${value}  (target ${target}: ${reached ? 'met' : 'NOT met'})`;
}

// benchmarks/transform imports it from here.
export { formatInteger };
