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

const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

describe('duckDbPlayFactSource', () => {
  it('names the users and tracks of the batch', async () => {
    const source = duckDbPlayFactSource(conn, 'plays', 'plays__passed', dir);
    const keys = await source.naturalKeys();
    expect(keys.users.sort()).toEqual(['ayaka', 'boris']);
    expect(keys.items.sort()).toEqual(['t1', 't2', 'unknown']);
  });

  it('writes the rows outside each user’s loaded range with their keys, in parts, and the rest apart', async () => {
    const source = duckDbPlayFactSource(conn, 'plays', 'plays__passed', dir, 2);
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
      itemColumn: 'track_id',
      freshSelectList: "user_key, item_key, played_at, coalesce(incognito, false), 'batch-1'",
    };
    const parts: string[][] = [];
    for await (const part of source.fresh(request)) parts.push(await text(part));
    // rowids 0-6 with 1 deleted: four parts of two
    expect(parts).toHaveLength(4);
    const fresh = parts.flatMap((lines) => lines.slice(1)).sort();
    expect(fresh).toEqual([
      '1,10,2026-11-20 10:00:00+00,false,batch-1',
      '1,10,2026-11-20 10:04:00+00,false,batch-1',
      '2,20,2026-11-20 10:00:00+00,true,batch-1',
    ]);
    const rest = await text(await source.rest(request));
    expect(rest[0]).toMatch(/^user_id,played_at,track_id,/);
    expect(rest.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      'ayaka,2026-11-20 10:02:00+00,t1',
      'ayaka,2026-11-20 10:03:00+00,t1',
    ]);
  });
});
