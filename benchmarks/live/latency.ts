import { formatTextTable } from '../shared/text-table.ts';

export interface LatencyRow {
  stage: string;
  /** Latencies in ms, one per play measured. */
  samples: number[];
  /** Plays sent whose arrival was never seen. */
  missing: number;
}

/** The nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Summary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

const ms = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(0));

export function formatLatencyTable(rows: readonly LatencyRow[]): string {
  return formatTextTable(
    ['stage', 'plays', 'missing', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    rows.map((row) => {
      const s = summarize(row.samples);
      return [
        row.stage,
        String(row.samples.length),
        String(row.missing),
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        ms(s.max),
      ];
    }),
  );
}
