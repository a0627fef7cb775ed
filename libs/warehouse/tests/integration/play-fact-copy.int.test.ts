import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PgBinaryCopyEncoder,
  loadBatch,
  type FreshColumn,
  type PlayFactRequest,
  type PlayFactSource,
} from '../../src/index.ts';
import { csv } from '../support/csv-input.ts';
import { createScratchWarehouse, type ScratchWarehouse } from '../support/scratch-warehouse.ts';

/*
 * A play fact loaded from a source that resolves its keys itself (as the transform's
 * DuckDB does), on the real PostgreSQL: new rows COPied straight into the fact, the rest
 * merged, and the same batch twice changes nothing. The source here does the split in
 * JavaScript, following PlayFactRequest.
 */
let warehouse: ScratchWarehouse;

beforeAll(async () => {
  warehouse = await createScratchWarehouse('play_fact_copy');
});

afterAll(async () => {
  await warehouse?.drop();
});

const T1 = '4uLU6hMCjMI75M1A2tKUQC';
const T2 = '7qiZfU4dY1lWllzX7mPBI3';

const dimensions = {
  users: csv(
    `user_id,first_seen_at\nayaka.sim,2026-11-01 10:00:00+00\nboris.sim,2026-11-02 10:00:00+00`,
  ),
  tracks: csv(
    `track_id,track_name,duration_ms,isrc,album_id,explicit,popularity\n${T1},Song A,200000,,,false,\n${T2},Song B,180000,,,true,`,
  ),
};

interface Play {
  user: string;
  at: string;
  track: string;
  source?: 'api' | 'import';
  msPlayed?: number;
  /** Account data: played_at known only to the minute. */
  toTheMinute?: boolean;
}

const PLAY_COLUMNS =
  'user_id,played_at,track_id,ms_played,skipped,reason_start,reason_end,shuffle,offline,platform,conn_country,incognito,context_type,context_uri,source,played_to_the_minute';

/** The processed columns of a play, by name (what the fresh select list names). */
const playRow = (play: Play): Record<string, string> => ({
  user_id: play.user,
  played_at: play.at,
  track_id: play.track,
  ms_played: String(play.msPlayed ?? 1000),
  skipped: '',
  reason_start: '',
  reason_end: '',
  shuffle: '',
  offline: '',
  platform: play.source === 'import' ? 'ios' : '',
  conn_country: '',
  incognito: '',
  context_type: '',
  context_uri: '',
  source: play.source ?? 'api',
  played_to_the_minute: play.toTheMinute ? 'true' : '',
});

/** Evaluates a fresh column's value (a column name, coalesce(x, false) or a literal), typed. */
function freshValue(
  { value, type }: FreshColumn,
  row: Record<string, string>,
  keys: Record<string, string>,
) {
  const literal = /^'(.*)'$/s.exec(value);
  const coalesced = /^coalesce\((\w+), false\)$/.exec(value);
  const text = literal
    ? literal[1]!.replaceAll("''", "'")
    : coalesced
      ? row[coalesced[1]!] || 'false'
      : (keys[value] ?? row[value] ?? '');
  if (text === '') return null;
  switch (type) {
    case 'int8':
      return BigInt(text);
    case 'int4':
    case 'int2':
      return Number(text);
    case 'bool':
      return text === 'true';
    case 'timestamptz':
      return BigInt(Date.parse(text)) * 1000n;
    default:
      return text;
  }
}

/** Rows of typed values as one COPY's binary data. */
function binaryOf(columns: FreshColumn[], rows: unknown[][]): Readable {
  const encoder = new PgBinaryCopyEncoder(columns.map((column) => column.type));
  const values = columns.map((_, c) => ({ values: rows.map((row) => row[c]) }));
  return Readable.from([
    PgBinaryCopyEncoder.header(),
    encoder.encode(values, rows.length),
    PgBinaryCopyEncoder.trailer(),
  ]);
}

/** The split PlayFactRequest describes, in JavaScript; `requests` records what it was asked. */
function memorySource(plays: Play[], requests: PlayFactRequest[] = []): PlayFactSource {
  const split = (request: PlayFactRequest) => {
    const fresh: unknown[][] = [];
    const rest = [PLAY_COLUMNS];
    for (const play of plays) {
      const user = request.users.find((u) => u.id === play.user);
      if (!user) continue;
      const us = BigInt(Date.parse(play.at)) * 1000n;
      const outside = user.loadedFromUs === null || us < user.loadedFromUs || us > user.loadedToUs!;
      const row = playRow(play);
      if (!outside) {
        rest.push(
          PLAY_COLUMNS.split(',')
            .map((c) => row[c])
            .join(','),
        );
        continue;
      }
      const item = request.items.find((i) => i.id === play.track);
      if (!item) continue;
      const keys = { user_key: String(user.key), item_key: String(item.key) };
      fresh.push(request.freshColumns.map((column) => freshValue(column, row, keys)));
    }
    return { fresh, rest };
  };
  const csvOf = (lines: string[]) => Readable.from([lines.join('\n') + '\n']);
  return {
    async naturalKeys() {
      return {
        users: [...new Set(plays.map((p) => p.user))],
        items: [...new Set(plays.map((p) => p.track))],
      };
    },
    // in two parts, as the transform's source gives a big batch in several
    async *fresh(request) {
      requests.push(request);
      const { fresh } = split(request);
      const half = Math.ceil(fresh.length / 2);
      yield binaryOf(request.freshColumns, fresh.slice(0, half));
      yield binaryOf(request.freshColumns, fresh.slice(half));
    },
    async rest(request) {
      return csvOf(split(request).rest);
    },
  };
}

async function playCount(): Promise<number> {
  const [row] = await warehouse.owner('warehouse.fct_play').count<{ count: string }[]>({
    count: '*',
  });
  return Number(row!.count);
}

const playsResult = (results: Awaited<ReturnType<typeof loadBatch>>) =>
  results.find((r) => r.model === 'plays');

describe('loadBatch with a play fact source', () => {
  const first: Play[] = [
    { user: 'ayaka.sim', at: '2026-11-20T10:00:00Z', track: T1 },
    { user: 'ayaka.sim', at: '2026-11-20T10:03:00Z', track: T2 },
    { user: 'boris.sim', at: '2026-11-20T11:00:00Z', track: T1 },
    // a track no dimension row names: not loaded
    { user: 'boris.sim', at: '2026-11-20T12:00:00Z', track: 'unknowntrack0000000000' },
  ];

  it('leaves the fact alone for a source without plays', async () => {
    const loaded = await loadBatch(warehouse.owner, 'none', {}, { plays: memorySource([]) });
    expect(playsResult(loaded)).toMatchObject({ staged: 0, merged: 0, method: 'merge' });
  });

  it('COPies a batch into the empty fact, and the same batch again changes nothing', async () => {
    const requests: PlayFactRequest[] = [];
    const loaded = await loadBatch(warehouse.owner, 'copy-1', dimensions, {
      plays: memorySource(first, requests),
    });
    expect(playsResult(loaded)).toMatchObject({ merged: 3, method: 'copy, key rebuilt' });
    expect(requests[0]!.users.every((u) => u.loadedFromUs === null)).toBe(true);
    expect(requests[0]!.items.map((i) => i.id).sort()).toEqual([T1, T2].sort());
    expect(await playCount()).toBe(3);
    const play = await warehouse
      .owner('warehouse.fct_play')
      .where({ played_at: new Date('2026-11-20T10:03:00Z') })
      .first();
    expect(play).toMatchObject({ incognito: false, load_batch_id: 'copy-1', source: 'api' });
    const { rows } = await warehouse.owner.raw<{ rows: { definition: string }[] }>(
      `select pg_get_constraintdef(oid) as definition from pg_constraint
       where conrelid = 'warehouse.fct_play'::regclass and contype = 'p'`,
    );
    expect(rows[0]?.definition).toBe('PRIMARY KEY (user_key, played_at, track_key)');

    const again = await loadBatch(warehouse.owner, 'copy-1-again', dimensions, {
      plays: memorySource(first),
    });
    expect(playsResult(again)).toMatchObject({ merged: 0, method: 'merge' });
    expect(await playCount()).toBe(3);
  });

  it('COPies the plays outside each user’s loaded range and merges the others', async () => {
    const batch: Play[] = [
      // inside ayaka's loaded range: new, merged
      { user: 'ayaka.sim', at: '2026-11-20T10:01:30Z', track: T2 },
      // the same play imported: the import's row replaces the API's
      {
        user: 'ayaka.sim',
        at: '2026-11-20T10:00:00Z',
        track: T1,
        source: 'import',
        msPlayed: 187000,
      },
      // after every loaded play: COPied
      { user: 'boris.sim', at: '2026-11-21T09:00:00Z', track: T2 },
    ];
    const loaded = await loadBatch(warehouse.owner, 'mixed', {}, { plays: memorySource(batch) });
    expect(playsResult(loaded)).toMatchObject({ staged: 3, merged: 3, method: 'copy + merge' });
    expect(await playCount()).toBe(5);
    const imported = await warehouse
      .owner('warehouse.fct_play')
      .where({ played_at: new Date('2026-11-20T10:00:00Z') })
      .first();
    expect(imported).toMatchObject({ source: 'import', ms_played: 187000, platform: 'ios' });

    const again = await loadBatch(
      warehouse.owner,
      'mixed-again',
      {},
      {
        plays: memorySource(batch),
      },
    );
    expect(playsResult(again)).toMatchObject({ merged: 0, method: 'merge' });
    expect(await playCount()).toBe(5);
  });

  it('COPies an account play flagged, and drops it when its play to the second comes', async () => {
    const account: Play = {
      user: 'boris.sim',
      at: '2026-11-23T08:15:00Z',
      track: T1,
      source: 'import',
      msPlayed: 59000,
      toTheMinute: true,
    };
    // after every loaded play of boris: COPied, the flag with it
    const first = await loadBatch(
      warehouse.owner,
      'account',
      {},
      { plays: memorySource([account]) },
    );
    expect(playsResult(first)).toMatchObject({ merged: 1, method: 'copy' });
    const at = (iso: string) =>
      warehouse.owner('warehouse.fct_play').where({ played_at: new Date(iso) });
    expect(await at(account.at).first()).toMatchObject({ played_to_the_minute: true });

    const extended: Play = {
      ...account,
      at: '2026-11-23T08:15:41Z',
      msPlayed: 61000,
      toTheMinute: false,
    };
    const later = await loadBatch(
      warehouse.owner,
      'extended',
      {},
      { plays: memorySource([extended]) },
    );
    expect(playsResult(later)).toMatchObject({ merged: 2, method: 'copy' });
    expect(await at(account.at).first()).toBeUndefined();
    expect(await at(extended.at).first()).toMatchObject({
      played_to_the_minute: false,
      ms_played: 61000,
    });
  });

  it('loads nothing of a batch whose part breaks a constraint', async () => {
    const before = await playCount();
    const batch: Play[] = [
      { user: 'ayaka.sim', at: '2026-11-22T09:00:00Z', track: T1 },
      { user: 'boris.sim', at: '2026-11-22T09:00:00Z', track: T1, msPlayed: -1 },
    ];
    await expect(
      loadBatch(warehouse.owner, 'broken', {}, { plays: memorySource(batch) }),
    ).rejects.toThrow(/ms_played/);
    expect(await playCount()).toBe(before);
  });
});
