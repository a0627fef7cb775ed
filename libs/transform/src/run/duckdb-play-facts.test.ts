import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlayFactRequest } from '@spotify-insights/warehouse';
import { createContractTableSql } from './duckdb-contract.ts';
import { duckDbPlayFactSource } from './duckdb-play-facts.ts';

let instance: DuckDBInstance;
let conn: DuckDBConnection;
let dir: string;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
  dir = await mkdtemp(join(tmpdir(), 'play-facts-'));
  await conn.run(createContractTableSql('plays', 'plays__passed'));
  // five plays a minute apart for ayaka, one for boris, one of a track without a key
  await conn.run(`
    INSERT INTO plays__passed (user_id, played_at, track_id, ms_played, incognito, source)
    SELECT 'ayaka', TIMESTAMPTZ '2026-11-20 10:00:00+00' + range * INTERVAL 1 MINUTE, 't1', 1000, NULL, 'api'
    FROM range(5)`);
  await conn.run(`
    INSERT INTO plays__passed (user_id, played_at, track_id, ms_played, incognito, source) VALUES
      ('boris', TIMESTAMPTZ '2026-11-20 10:00:00+00', 't2', 2000, true, 'import'),
      ('boris', TIMESTAMPTZ '2026-11-20 11:00:00+00', 'unknown', 3000, false, 'api')`);
  // a deleted row leaves a gap in the rowids
  await conn.run(
    `DELETE FROM plays__passed WHERE played_at = TIMESTAMPTZ '2026-11-20 10:01:00+00'`,
  );
});

afterAll(async () => {
  conn?.closeSync();
  instance?.closeSync();
  await rm(dir, { recursive: true, force: true });
});

const text = async (stream: Readable) => {
  let body = '';
  for await (const chunk of stream) body += String(chunk);
  return body.trim().split('\n');
};

const bytes = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
};

/** The fields of binary COPY data's rows (null for NULL), after checking header and trailer. */
function binaryRows(data: Buffer): Array<Array<Buffer | null>> {
  expect(data.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
  let offset = 19;
  const rows: Array<Array<Buffer | null>> = [];
  for (;;) {
    const fields = data.readInt16BE(offset);
    offset += 2;
    if (fields === -1) break;
    const row: Array<Buffer | null> = [];
    for (let f = 0; f < fields; f++) {
      const length = data.readInt32BE(offset);
      offset += 4;
      row.push(length === -1 ? null : data.subarray(offset, offset + length));
      offset += Math.max(length, 0);
    }
    rows.push(row);
  }
  expect(offset).toBe(data.length);
  return rows;
}

const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

describe('duckDbPlayFactSource', () => {
  it('names the users and tracks of the batch', async () => {
    const source = duckDbPlayFactSource(conn, 'plays', 'plays__passed', dir);
    const keys = await source.naturalKeys();
    expect(keys.users.sort()).toEqual(['ayaka', 'boris']);
    expect(keys.items.sort()).toEqual(['t1', 't2', 'unknown']);
  });

  it('writes the rows outside each user’s loaded range with their keys, in binary and in order, and the rest apart', async () => {
    const source = duckDbPlayFactSource(conn, 'plays', 'plays__passed', dir);
    const request: PlayFactRequest = {
      users: [
        // ayaka has loaded plays from 10:02 to 10:03: her 10:02 and 10:03 plays are the rest
        {
          id: 'ayaka',
          key: 1n,
          loadedFromUs: us('2026-11-20T10:02:00Z'),
          loadedToUs: us('2026-11-20T10:03:00Z'),
        },
        { id: 'boris', key: 2n, loadedFromUs: null, loadedToUs: null },
      ],
      items: [
        { id: 't1', key: 10n },
        { id: 't2', key: 20n },
      ],
      freshColumns: [
        { value: 'user_key', type: 'int8' },
        { value: 'item_key', type: 'int8' },
        { value: 'played_at', type: 'timestamptz' },
        { value: 'coalesce(incognito, false)', type: 'bool' },
        { value: "'batch-1'", type: 'text' },
      ],
    };
    const parts: Buffer[] = [];
    for await (const part of source.fresh(request)) parts.push(await bytes(part));
    expect(parts).toHaveLength(1);
    const fresh = binaryRows(parts[0]!).map(([user, item, at, incognito, batch]) =>
      [
        user!.readBigInt64BE(),
        item!.readBigInt64BE(),
        new Date(Number(at!.readBigInt64BE() / 1000n) + Date.UTC(2000, 0, 1)).toISOString(),
        incognito![0] === 1,
        batch!.toString('utf8'),
      ].join(','),
    );
    // in the order asked for (the grain's), not as the batch holds them
    expect(fresh).toEqual([
      '1,10,2026-11-20T10:00:00.000Z,false,batch-1',
      '1,10,2026-11-20T10:04:00.000Z,false,batch-1',
      '2,20,2026-11-20T10:00:00.000Z,true,batch-1',
    ]);
    // its sorted copy of the batch is gone once the rows are taken
    const tables = await conn.runAndReadAll(
      `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '%sorted'`,
    );
    expect(Number(tables.getRowObjectsJS()[0]!['n'])).toBe(0);
    const rest = await text(await source.rest(request));
    expect(rest[0]).toMatch(/^user_id,played_at,track_id,/);
    expect(rest.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      'ayaka,2026-11-20 10:02:00+00,t1',
      'ayaka,2026-11-20 10:03:00+00,t1',
    ]);
  });

  it('orders the fresh rows by the users’ keys, not their ids, when prepared first', async () => {
    const source = duckDbPlayFactSource(conn, 'plays', 'plays__passed', dir);
    const freshColumns: PlayFactRequest['freshColumns'] = [
      { value: 'user_key', type: 'int8' },
      { value: 'item_key', type: 'int8' },
      { value: 'played_at', type: 'timestamptz' },
    ];
    await source.prepare?.(freshColumns);
    expect((await source.naturalKeys()).users.sort()).toEqual(['ayaka', 'boris']);
    const request: PlayFactRequest = {
      users: [
        { id: 'ayaka', key: 9n, loadedFromUs: null, loadedToUs: null },
        { id: 'boris', key: 3n, loadedFromUs: null, loadedToUs: null },
      ],
      items: [
        { id: 't1', key: 10n },
        { id: 't2', key: 20n },
        { id: 'unknown', key: 30n },
      ],
      freshColumns,
    };
    const freshRows = async (asked: PlayFactRequest) => {
      const parts: Buffer[] = [];
      for await (const part of source.fresh(asked)) parts.push(await bytes(part));
      return binaryRows(parts[0]!).map(([user, item, at]) =>
        [
          user!.readBigInt64BE(),
          item!.readBigInt64BE(),
          new Date(Number(at!.readBigInt64BE() / 1000n) + Date.UTC(2000, 0, 1)).toISOString(),
        ].join(','),
      );
    };
    expect(await freshRows(request)).toEqual([
      '3,20,2026-11-20T10:00:00.000Z',
      '3,30,2026-11-20T11:00:00.000Z',
      '9,10,2026-11-20T10:00:00.000Z',
      '9,10,2026-11-20T10:02:00.000Z',
      '9,10,2026-11-20T10:03:00.000Z',
      '9,10,2026-11-20T10:04:00.000Z',
    ]);

    // a load attempt that failed is retried with the keys its new transaction gave: the
    // same source answers it with those (it prepares again what the first attempt used up)
    const retried = await freshRows({
      ...request,
      users: [
        { id: 'ayaka', key: 1n, loadedFromUs: null, loadedToUs: null },
        { id: 'boris', key: 2n, loadedFromUs: null, loadedToUs: null },
      ],
      items: [{ id: 't2', key: 21n }],
    });
    expect(retried).toEqual(['2,21,2026-11-20T10:00:00.000Z']);
  });
});
