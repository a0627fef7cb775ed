import {
  expression,
  qualityTableNames,
  quoteIdentifier,
  type ExpressionExpectation,
} from '@spotify-insights/quality';

/**
 * Quarantines a fact row whose dimension row was quarantined in the same batch (a play
 * of a track with a negative duration, say), so the loader never meets a fact without
 * its dimension. Only this batch's quarantine counts: a dimension row that is simply
 * absent (the playlist was fetched in an earlier batch) is fine, and a NULL reference
 * is not_null's business. Facts are checked after their dimensions (models/index.ts),
 * so `<dimension>__quarantine` exists by then.
 */
export const notQuarantinedIn = (
  dimension: string,
  column: string,
  dimensionColumn: string = column,
): ExpressionExpectation => {
  const quarantine = quoteIdentifier(qualityTableNames(dimension).quarantine);
  const reference = quoteIdentifier(dimensionColumn);
  return expression(
    `${column}_not_quarantined_in_${dimension}`,
    `${quoteIdentifier(column)} NOT IN (SELECT ${reference} FROM ${quarantine} WHERE ${reference} IS NOT NULL)`,
    { description: `the ${dimension} row it references passed its expectations` },
  );
};
