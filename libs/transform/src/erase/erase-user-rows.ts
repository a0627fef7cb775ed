import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, quoteString } from '@spotify-insights/quality';
import { queryRows, runStatement } from '../run-statement.ts';
import { TransformError } from '../transform-error.ts';
import type { TableFileFormat } from './user-columns.ts';

export interface EraseRowsInput {
  /** The file as downloaded from the lake. */
  input: string;
  /** Where the file without the member's rows is written, when some rows remain. */
  output: string;
  format: TableFileFormat;
  userColumns: readonly string[];
  userId: string;
}

/** What became of one file: `untouched` (none of the member's rows), `rewritten` or `emptied`. */
export interface EraseRowsResult {
  outcome: 'untouched' | 'rewritten' | 'emptied';
  rows: number;
  rowsRemoved: number;
}

/*
 * CSV is read with every column as text (and "" kept apart from NULL, as the writer
 * wrote them), so the rows that stay are written back exactly as they were, not
 * re-formatted through a guessed type. Parquet keeps its own types; the partition
 * folder is not read as a column (the transform writes it into the files as well).
 */
const reader = (format: TableFileFormat, path: string): string =>
  format === 'parquet'
    ? `read_parquet(${quoteString(path)}, hive_partitioning = false)`
    : `read_csv(${quoteString(path)}, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true, allow_quoted_nulls = false)`;

const copyOptions = (format: TableFileFormat): string =>
  format === 'parquet' ? 'FORMAT parquet' : 'FORMAT csv, HEADER true';

/**
 * Writes `input` without the rows whose user columns hold `userId` to `output`, in the
 * same format, when some rows of the member's are in it and others remain; writes
 * nothing when none or all of them are the member's (the caller leaves or deletes it).
 */
export async function eraseUserRows(
  conn: DuckDBConnection,
  { input, output, format, userColumns, userId }: EraseRowsInput,
): Promise<EraseRowsResult> {
  const context = {
    code: 'ERASE_FAILED' as const,
    what: `erasing a member's rows from ${input}`,
    details: { file: input },
  };
  const source = reader(format, input);
  const columns = (await queryRows(conn, `DESCRIBE SELECT * FROM ${source}`, context)).map((row) =>
    String(row['column_name']),
  );
  const missing = userColumns.filter((column) => !columns.includes(column));
  if (missing.length > 0)
    throw new TransformError(
      'ERASE_FAILED',
      `${input} has no column ${missing.join(', ')}: cannot tell whose rows it holds`,
      { file: input, missing },
    );
  // a NULL user column never matches: coalesce keeps such rows instead of dropping them
  const isMember = `coalesce(${userColumns
    .map((column) => `${quoteIdentifier(column)} = ${quoteString(userId)}`)
    .join(' OR ')}, false)`;
  const [counts] = await queryRows(
    conn,
    `SELECT count(*) AS n_rows, count(*) FILTER (WHERE ${isMember}) AS n_member FROM ${source}`,
    context,
  );
  const rows = Number(counts?.['n_rows'] ?? 0);
  const rowsRemoved = Number(counts?.['n_member'] ?? 0);
  if (rowsRemoved === 0) return { outcome: 'untouched', rows, rowsRemoved };
  if (rowsRemoved === rows) return { outcome: 'emptied', rows, rowsRemoved };
  await runStatement(
    conn,
    `COPY (SELECT * FROM ${source} WHERE NOT ${isMember}) TO ${quoteString(output)} (${copyOptions(format)})`,
    context,
  );
  return { outcome: 'rewritten', rows, rowsRemoved };
}
