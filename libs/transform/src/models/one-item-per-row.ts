import {
  expression,
  quoteIdentifier,
  quoteString,
  type ExpressionExpectation,
} from '@spotify-insights/quality';

/**
 * For a row that names one of several kinds of item in its own column (a track or an
 * artist, a track or an episode), by `typeColumn`: the column of its type is set and
 * every other is NULL, as the warehouse's check constraint demands.
 */
export const exactlyOneItem = (
  typeColumn: string,
  columnsByType: Readonly<Record<string, string>>,
): ExpressionExpectation => {
  const columns = Object.values(columnsByType);
  const cases = Object.entries(columnsByType).map(([type, column]) =>
    [
      `${quoteIdentifier(typeColumn)} = ${quoteString(type)}`,
      ...columns.map(
        (other) => `${quoteIdentifier(other)} IS ${other === column ? 'NOT NULL' : 'NULL'}`,
      ),
    ].join(' AND '),
  );
  return expression('exactly_one_item', cases.map((test) => `(${test})`).join(' OR '), {
    description: `a ${Object.keys(columnsByType).join(' or ')} row names that item, and only it`,
  });
};
