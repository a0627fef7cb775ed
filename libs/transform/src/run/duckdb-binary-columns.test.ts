import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgBinaryColumn } from '@spotify-insights/warehouse';
import { binaryColumn, textColumn } from './duckdb-binary-columns.ts';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
});

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

/** Row i of an encoder column as a plain value (null for NULL), as the encoder reads it. */
function valueAt(column: PgBinaryColumn, row: number): unknown {
  if (column.validity && (column.validity[row >> 3]! & (1 << (row & 7))) === 0) return null;
  const value = column.values[row];
  if (value === null || value === undefined) return null;
  return column.dictionary ? column.dictionary[value as number] : value;
}

describe('binaryColumn / textColumn', () => {
  it('read DuckDB vectors in place as getItem sees them, NULLs and all, chunk after chunk', async () => {
    // 5,000 rows (three chunks), every seventh NULL, 300 distinct texts (two-byte codes)
    const values = Array.from({ length: 300 }, (_, i) => `Zoë ✓ ${i}`);
    await conn.run(`CREATE TYPE texts AS ENUM (${values.map((v) => `'${v}'`).join(', ')})`);
    const result = await conn.stream(`
      SELECT
        CASE WHEN range % 7 = 0 THEN NULL ELSE range * -3000000000 END::BIGINT,
        CASE WHEN range % 7 = 1 THEN NULL ELSE range - 2500 END::INTEGER,
        CASE WHEN range % 7 = 2 THEN NULL ELSE range - 2500 END::SMALLINT,
        CASE WHEN range % 7 = 3 THEN NULL ELSE range % 2 = 0 END::BOOLEAN,
        CASE WHEN range % 7 = 4 THEN NULL
             ELSE TIMESTAMPTZ '1999-12-31 23:59:59.999999+00' + range * INTERVAL 1 MICROSECOND END,
        CASE WHEN range % 7 = 5 THEN NULL ELSE DATE '1960-01-01' + range::INTEGER END,
        enum_code(CASE WHEN range % 7 = 6 THEN NULL ELSE ('Zoë ✓ ' || (range % 300))::texts END)
      FROM range(5000)`);
    let seen = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const rows = chunk.rowCount;
      for (let c = 0; c < 6; c++) {
        const vector = chunk.getColumnVector(c);
        const column = binaryColumn(vector, rows);
        // in place: a typed array, not getItem's copy
        expect(ArrayBuffer.isView(column.values)).toBe(true);
        for (let row = 0; row < rows; row++) {
          const item = vector.getItem(row);
          const expected =
            item !== null && typeof item === 'object' && 'micros' in item
              ? item.micros
              : item !== null && typeof item === 'object' && 'days' in item
                ? item.days
                : item;
          const actual = valueAt(column, row);
          expect(c === 3 && actual !== null ? actual === 1 : actual).toEqual(expected);
        }
      }
      const text = textColumn(chunk.getColumnVector(6), rows, values);
      expect(text.values).toBeInstanceOf(Uint16Array);
      for (let row = 0; row < rows; row++) {
        const i = seen + row;
        expect(valueAt(text, row)).toBe(i % 7 === 6 ? null : `Zoë ✓ ${i % 300}`);
      }
      seen += rows;
    }
    expect(seen).toBe(5000);
  });
});
