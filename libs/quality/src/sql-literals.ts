import { QualityError } from './quality-error.ts';

/** A value an expectation may compare a column with. */
export type SqlScalar = string | number | bigint | boolean;

// DuckDB strings and identifiers cannot hold NUL; refusing it here gives a clear error
// instead of a truncated name or a parser error far from the declaration.
const refuseNul = (text: string, what: string): void => {
  if (text.includes('\u0000')) {
    throw new QualityError('DECLARATION_INVALID', `${what} contains a NUL character`, { text });
  }
};

/**
 * A DuckDB identifier, always double-quoted with inner quotes doubled, so any column or
 * table name (spaces, quotes, keywords, `"; DROP TABLE x; --`) stays one identifier.
 */
export const quoteIdentifier = (name: string): string => {
  if (name.length === 0) {
    throw new QualityError('DECLARATION_INVALID', 'an identifier cannot be empty');
  }
  refuseNul(name, 'identifier');
  return `"${name.replaceAll('"', '""')}"`;
};

/**
 * A DuckDB string literal with inner single quotes doubled. DuckDB does not treat the
 * backslash as an escape in '…' literals, so doubling quotes is the whole job.
 */
export const quoteString = (text: string): string => {
  refuseNul(text, 'string literal');
  return `'${text.replaceAll("'", "''")}'`;
};

/** Any scalar as a DuckDB literal: strings quoted, numbers finite, booleans as keywords. */
export const sqlLiteral = (value: SqlScalar): string => {
  switch (typeof value) {
    case 'string':
      return quoteString(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new QualityError('DECLARATION_INVALID', `${value} is not a finite number`, {
          value: String(value),
        });
      }
      // Parenthesised so a negative number never meets a preceding operator (`x --1`).
      return value < 0 ? `(${value})` : String(value);
  }
};
