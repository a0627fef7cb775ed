import { quoteIdentifier } from '@spotify-insights/quality';

/** Column or field name → DuckDB type, in order. */
export type DuckDbFields = Readonly<Record<string, string>>;

/** `"name" TYPE, …`: the body of a STRUCT type or of a CREATE TABLE. */
const definitions = (fields: DuckDbFields): string =>
  Object.entries(fields)
    .map(([name, type]) => `${quoteIdentifier(name)} ${type}`)
    .join(', ');

/** A DuckDB STRUCT type; read_json keeps these keys of an object and ignores the rest. */
export const struct = (fields: DuckDbFields): string => `STRUCT(${definitions(fields)})`;

/** A DuckDB list type of `type`. */
export const listOf = (type: string): string => `${type}[]`;

/** `CREATE OR REPLACE TABLE` with these columns and no rows. */
export const emptyTableSql = (table: string, columns: DuckDbFields): string =>
  `CREATE OR REPLACE TABLE ${quoteIdentifier(table)} (${definitions(columns)})`;

/**
 * A SELECT list giving exactly `columns`, each cast to its type: from the column of the
 * same name, or from the expression `from` gives for it.
 */
export const typedSelectList = (
  columns: DuckDbFields,
  from: Readonly<Record<string, string>> = {},
): string =>
  Object.entries(columns)
    .map(
      ([name, type]) =>
        `CAST(${from[name] ?? quoteIdentifier(name)} AS ${type}) AS ${quoteIdentifier(name)}`,
    )
    .join(',\n       ');
