import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgBinaryCopyEncoder, type PgBinaryColumn, type PgBinaryType } from '../../src/index.ts';
import { createScratchWarehouse, type ScratchWarehouse } from '../support/scratch-warehouse.ts';

/*
 * The binary COPY encoder against the real PostgreSQL: rows encoded, COPied into a table,
 * selected back as text and compared, for every type it writes, NULLs, non-ASCII text,
 * extreme integers, timestamps with microseconds and dates before 2000; with plain values
 * and with the columnar forms DuckDB's vectors give (typed arrays, validity bitmaps,
 * dictionary codes), over several chunks of one COPY.
 */
let warehouse: ScratchWarehouse;
let client: PoolClient;

beforeAll(async () => {
  warehouse = await createScratchWarehouse('pg_binary_copy');
  client = (await warehouse.owner.client.acquireConnection()) as PoolClient;
  await client.query(`create table public.roundtrip (
    i8 bigint, i4 integer, i2 smallint, b boolean, ts timestamptz, d date, t text)`);
});

afterAll(async () => {
  if (client) await warehouse.owner.client.releaseConnection(client);
  await warehouse?.drop();
});

const TYPES: PgBinaryType[] = ['int8', 'int4', 'int2', 'bool', 'timestamptz', 'date', 'text'];

const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

/** COPies the chunks (one COPY) and returns the table's rows as text, in insertion order. */
async function roundTrip(chunks: Array<{ columns: PgBinaryColumn[]; rows: number }>) {
  await client.query('truncate public.roundtrip');
  const encoder = new PgBinaryCopyEncoder(TYPES);
  const data = [
    PgBinaryCopyEncoder.header(),
    ...chunks.map(({ columns, rows }) => encoder.encode(columns, rows)),
    PgBinaryCopyEncoder.trailer(),
  ];
  const copy = client.query(
    copyFrom('copy public.roundtrip (i8, i4, i2, b, ts, d, t) from stdin (format binary)'),
  );
  await pipeline(Readable.from(data), copy);
  await client.query(`set timezone = 'UTC'`);
  const { rows } = await client.query<Record<string, string | null>>(
    `select i8::text, i4::text, i2::text, b::text, ts::text, d::text, t from public.roundtrip
     order by ctid`,
  );
  return rows.map((row) => [
    row['i8'],
    row['i4'],
    row['i2'],
    row['b'],
    row['ts'],
    row['d'],
    row['t'],
  ]);
}

describe('PgBinaryCopyEncoder', () => {
  it('writes plain values PostgreSQL reads back the same', async () => {
    const rows = [
      [
        9_223_372_036_854_775_807n,
        2_147_483_647,
        32_767,
        true,
        us('2026-11-23T06:40:58.123Z') + 456n,
        Date.UTC(2026, 10, 23) / 86_400_000,
        'Ayaka — 綾香 🎧',
      ],
      [
        -9_223_372_036_854_775_808n,
        -2_147_483_648,
        -32_768,
        false,
        us('1999-12-31T23:59:59.999Z') + 999n,
        Date.UTC(1969, 6, 20) / 86_400_000,
        '',
      ],
      [null, null, null, null, null, null, null],
      [42, 0, -1, false, us('1970-01-01T00:00:00Z') - 1n, -1, 'it\'s "quoted",\n\ttabbed\\'],
    ];
    const columns = TYPES.map((_, c) => ({ values: rows.map((row) => row[c]) }));
    expect(await roundTrip([{ columns, rows: rows.length }])).toEqual([
      [
        '9223372036854775807',
        '2147483647',
        '32767',
        'true',
        '2026-11-23 06:40:58.123456+00',
        '2026-11-23',
        'Ayaka — 綾香 🎧',
      ],
      [
        '-9223372036854775808',
        '-2147483648',
        '-32768',
        'false',
        '1999-12-31 23:59:59.999999+00',
        '1969-07-20',
        '',
      ],
      [null, null, null, null, null, null, null],
      [
        '42',
        '0',
        '-1',
        'false',
        '1969-12-31 23:59:59.999999+00',
        '1969-12-31',
        'it\'s "quoted",\n\ttabbed\\',
      ],
    ]);
  });

  it('reads typed arrays, validity bitmaps and dictionary codes, chunk after chunk', async () => {
    // row 1 of every column is NULL by its validity bit (the values there are garbage)
    const validity = new Uint8Array([0b1111_1101]);
    const chunk = (offset: number): { columns: PgBinaryColumn[]; rows: number } => ({
      rows: 3,
      columns: [
        { values: new BigInt64Array([1n + BigInt(offset), 77n, -5_000_000_000n]), validity },
        { values: new Int32Array([offset, 7, -7]), validity },
        { values: new Int16Array([offset, 7, -7]), validity },
        { values: new Uint8Array([1, 9, 0]), validity },
        {
          values: new BigInt64Array([
            us('2000-01-01T00:00:00Z'),
            123n,
            // before PostgreSQL's epoch: the 64-bit subtraction borrows across the halves
            us('1900-03-04T05:06:07Z') + 8n,
          ]),
          validity,
        },
        { values: new Int32Array([10_957, 99, -25_567]), validity },
        { values: new Uint8Array([1, 250, 0]), validity, dictionary: ['Zoë', 'Ünïcödé ✓'] },
      ],
    });
    const expected = (offset: number) => [
      [
        String(1 + offset),
        String(offset),
        String(offset),
        'true',
        '2000-01-01 00:00:00+00',
        '2000-01-01',
        'Ünïcödé ✓',
      ],
      [null, null, null, null, null, null, null],
      ['-5000000000', '-7', '-7', 'false', '1900-03-04 05:06:07.000008+00', '1900-01-01', 'Zoë'],
    ];
    expect(await roundTrip([chunk(0), chunk(100), chunk(200)])).toEqual([
      ...expected(0),
      ...expected(100),
      ...expected(200),
    ]);
  });

  it('refuses a dictionary code outside the dictionary rather than write a wrong row', () => {
    const encoder = new PgBinaryCopyEncoder(['text']);
    expect(() =>
      encoder.encode([{ values: new Uint8Array([2]), dictionary: ['a', 'b'] }], 1),
    ).toThrow(/outside its dictionary/);
  });
});
