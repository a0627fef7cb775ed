import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { quoteIdentifier, quoteString, sqlLiteral } from './sql-literals.ts';

describe('quoteIdentifier', () => {
  it('double-quotes a plain name', () => {
    expect(quoteIdentifier('track_id')).toBe('"track_id"');
  });

  it('doubles inner double quotes', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
  });

  it('refuses empty names and NUL characters', () => {
    expect(() => quoteIdentifier('')).toThrow(/empty/);
    expect(() => quoteIdentifier('a\u0000b')).toThrow(/NUL/);
  });
});

describe('quoteString', () => {
  it("doubles single quotes and leaves backslashes alone (DuckDB has no '\\' escapes)", () => {
    expect(quoteString("it's")).toBe("'it''s'");
    expect(quoteString('a\\b')).toBe("'a\\b'");
  });

  it('refuses NUL characters', () => {
    expect(() => quoteString('\u0000')).toThrow(/NUL/);
  });
});

describe('sqlLiteral', () => {
  it('renders each scalar kind', () => {
    expect(sqlLiteral('x')).toBe("'x'");
    expect(sqlLiteral(42)).toBe('42');
    expect(sqlLiteral(-1.5)).toBe('(-1.5)');
    expect(sqlLiteral(12345678901234567890n)).toBe('12345678901234567890');
    expect(sqlLiteral(true)).toBe('TRUE');
    expect(sqlLiteral(false)).toBe('FALSE');
  });

  it('refuses numbers that have no SQL literal', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(/finite/);
    expect(() => sqlLiteral(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});

// The proof that matters: hostile names and values survive a round trip through DuckDB
// as data, and nothing they contain runs as SQL.
describe('hostile names and values in DuckDB', () => {
  const hostile = [
    `"; DROP TABLE victims; --`,
    `it's a "quote" \\ back\\slash`,
    `select`,
    `名前 with spaces`,
    `'); DELETE FROM victims; --`,
  ];

  it('keeps each hostile identifier one column and each hostile string one value', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run('CREATE TABLE victims (id INTEGER)');
      await conn.run('INSERT INTO victims VALUES (1)');
      for (const text of hostile) {
        await conn.run(
          `CREATE OR REPLACE TABLE ${quoteIdentifier(text)} AS SELECT ${sqlLiteral(text)} AS ${quoteIdentifier(text)}`,
        );
        const read = await conn.runAndReadAll(
          `SELECT ${quoteIdentifier(text)} AS v FROM ${quoteIdentifier(text)} WHERE ${quoteIdentifier(text)} = ${quoteString(text)}`,
        );
        expect(read.getRowObjectsJS()).toEqual([{ v: text }]);
      }
      const survivors = await conn.runAndReadAll('SELECT count(*) AS n FROM victims');
      expect(survivors.getRowObjectsJS()).toEqual([{ n: 1n }]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
