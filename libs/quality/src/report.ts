import type { ModelQualityResult } from './evaluate.ts';
import { percent } from './format.ts';
import type { ExpectationResult } from './judge.ts';
import { QualityError } from './quality-error.ts';

/** A critical expectation that stopped its model's batch from being promoted, and why. */
export interface BlockedExpectation {
  model: string;
  expectation: string;
  reason: string;
}

export interface QualityReportTotals {
  models: number;
  blockedModels: number;
  expectations: number;
  failedExpectations: number;
  rowsIn: number;
  rowsPassed: number;
  rowsQuarantined: number;
}

/** One run's data-quality report, written as JSON and HTML to presentation/quality/<run>/. */
export interface QualityReport {
  runId: string;
  /** ISO 8601. */
  startedAt: string;
  models: ModelQualityResult[];
  totals: QualityReportTotals;
  blocked: BlockedExpectation[];
}

// row_count and freshness hold or not, so their detail is the whole reason; the others
// failed on a share of rows that was more than they may.
const blockingReason = (result: ExpectationResult): string =>
  result.kind === 'row_count' || result.kind === 'freshness'
    ? result.detail
    : `${result.detail}, above the ${percent(result.maxFailingShare)} allowed`;

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

/** Gathers the run's model results into one report, with totals and what blocked. */
export const buildQualityReport = (input: {
  runId: string;
  startedAt: Date;
  models: readonly ModelQualityResult[];
}): QualityReport => {
  const models = [...input.models];
  const expectations = models.flatMap((model) => model.expectations);
  return {
    runId: input.runId,
    startedAt: input.startedAt.toISOString(),
    models,
    totals: {
      models: models.length,
      blockedModels: models.filter((model) => model.blocking).length,
      expectations: expectations.length,
      failedExpectations: expectations.filter((result) => result.status === 'fail').length,
      rowsIn: sum(models.map((model) => model.counts.in)),
      rowsPassed: sum(models.map((model) => model.counts.passed)),
      rowsQuarantined: sum(models.map((model) => model.counts.quarantined)),
    },
    blocked: models.flatMap((model) =>
      model.expectations
        .filter((result) => result.blocking)
        .map((result) => ({
          model: model.model,
          expectation: result.name,
          reason: blockingReason(result),
        })),
    ),
  };
};

/** The report as pretty-printed JSON, ending with a newline. */
export const renderQualityReportJson = (report: QualityReport): string =>
  `${JSON.stringify(report, null, 2)}\n`;

/**
 * Where a run's report goes in the `presentation` bucket. The run id is escaped as in
 * raw object keys, so whatever it holds it stays one path segment.
 */
export const qualityReportKeys = (runId: string): { json: string; html: string } => {
  // encodeURIComponent leaves dots alone, and "." or ".." would step out of quality/.
  if (runId === '' || runId === '.' || runId === '..') {
    throw new QualityError('DECLARATION_INVALID', `${JSON.stringify(runId)} is not a run id`);
  }
  const folder = `quality/${encodeURIComponent(runId)}`;
  return { json: `${folder}/report.json`, html: `${folder}/report.html` };
};
