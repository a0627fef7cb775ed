import type { Expectation, ExpectationKind, Severity } from './expectations.ts';

/** What evaluating one expectation found, before the blocking rule is applied. */
export interface Observation {
  failed: boolean;
  /** Rows that fail it: row-level, of the rows in; unique, passed rows sharing a key. */
  failingRows: number;
  /** failingRows over the rows judged; 1 for a failed row_count or freshness. */
  failingShare: number;
  /** At most SAMPLE_SIZE offending values, keys or rows, as text. */
  sample: string[];
  /** One sentence saying what was observed, for the report and the blocking reason. */
  detail: string;
}

export interface ExpectationResult extends Omit<Observation, 'failed'> {
  name: string;
  kind: ExpectationKind;
  columns: readonly string[];
  severity: Severity;
  description?: string;
  status: 'pass' | 'fail';
  maxFailingShare: number;
  /** A critical failure whose share is above maxFailingShare: the batch must not be promoted. */
  blocking: boolean;
}

export const SAMPLE_SIZE = 5;

/** Applies the blocking rule: critical, failed, and failing more than it may. */
export const judge = (
  expectation: Expectation,
  columns: readonly string[],
  { failed, ...observed }: Observation,
): ExpectationResult => ({
  name: expectation.name,
  kind: expectation.kind,
  columns,
  severity: expectation.severity,
  ...(expectation.description === undefined ? {} : { description: expectation.description }),
  status: failed ? 'fail' : 'pass',
  ...observed,
  maxFailingShare: expectation.maxFailingShare,
  blocking:
    failed &&
    expectation.severity === 'critical' &&
    observed.failingShare > expectation.maxFailingShare,
});
