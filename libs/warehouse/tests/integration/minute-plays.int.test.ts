import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadBatch } from '../../src/index.ts';
import { csv } from '../support/csv-input.ts';
import { createScratchWarehouse, type ScratchWarehouse } from '../support/scratch-warehouse.ts';

/*
 * The minute rule across batches (minute-plays.ts): an account-data play (known to the
 * minute) and the same play known to the second (extended export or recently-played)
 * loaded in two batches, in either order, are one row of fct_play.
 */
let warehouse: ScratchWarehouse;

beforeAll(async () => {
  warehouse = await createScratchWarehouse('minute_plays');
});

afterAll(async () => {
  await warehouse?.drop();
});

beforeEach(async () => {
  await warehouse.owner.raw('truncate warehouse.fct_play');
});

const T1 = '4uLU6hMCjMI75M1A2tKUQC';
const T2 = '7qiZfU4dY1lWllzX7mPBI3';

const DIMENSIONS = {
  users: csv(`user_id,first_seen_at\nayaka.sim,2026-11-01 10:00:00+00`),
  tracks: csv(
    `track_id,track_name,duration_ms,isrc,album_id,explicit,popularity\n${T1},Song A,200000,,,false,\n${T2},Song B,180000,,,false,`,
  ),
};

const HEADER =
  'user_id,played_at,track_id,ms_played,skipped,reason_start,reason_end,shuffle,offline,platform,conn_country,incognito,context_type,context_uri,source,played_to_the_minute';

type Kind = 'account' | 'extended' | 'api';

/** One play as the loader's CSV row: account data is to the minute and has no platform. */
const row = (kind: Kind, at: string, msPlayed: number, track = T1) =>
  [
    'ayaka.sim',
    at,
    track,
    msPlayed,
    '',
    '',
    '',
    '',
    '',
    kind === 'extended' ? 'android' : '',
    '',
    'false',
    '',
    '',
    kind === 'api' ? 'api' : 'import',
    kind === 'account' ? 'true' : 'false',
  ].join(',');

const load = (batchId: string, ...plays: string[]) =>
  loadBatch(warehouse.owner, batchId, { ...DIMENSIONS, plays: csv([HEADER, ...plays].join('\n')) });

const plays = () =>
  warehouse
    .owner('warehouse.fct_play')
    .orderBy('played_at')
    .select('played_at', 'ms_played', 'source', 'platform', 'played_to_the_minute');

describe('plays known to the minute, across batches', () => {
  it('drops a loaded account play when the extended export brings the same play later', async () => {
    await load('account', row('account', '2026-11-20 12:34:00+00', 59_000));
    const later = await load('extended', row('extended', '2026-11-20 12:34:41+00', 61_000));

    expect(await plays()).toEqual([
      {
        played_at: new Date('2026-11-20T12:34:41Z'),
        ms_played: 61_000,
        source: 'import',
        platform: 'android',
        played_to_the_minute: false,
      },
    ]);
    // one row in, one row out
    expect(later.find((r) => r.model === 'plays')!.merged).toBe(2);
  });

  it('does not load an account play whose play to the second is already there', async () => {
    await load('extended', row('extended', '2026-11-20 12:34:41+00', 61_000));
    await load('account', row('account', '2026-11-20 12:34:00+00', 59_000));

    expect(await plays()).toMatchObject([
      { played_at: new Date('2026-11-20T12:34:41Z'), ms_played: 61_000, platform: 'android' },
    ]);
  });

  it('lets a play to the second ending on the minute itself replace the account row', async () => {
    // the same grain (user, 12:34:00, track): the merge's conflict, not the settling
    await load('account', row('account', '2026-11-20 12:34:00+00', 59_000));
    await load('extended', row('extended', '2026-11-20 12:34:00+00', 61_000));
    await load('account-again', row('account', '2026-11-20 12:34:00+00', 59_000));

    expect(await plays()).toEqual([
      {
        played_at: new Date('2026-11-20T12:34:00Z'),
        ms_played: 61_000,
        source: 'import',
        platform: 'android',
        played_to_the_minute: false,
      },
    ]);
  });

  it("gives the API's play the account play's ms_played, in either order", async () => {
    await load('account', row('account', '2026-11-20 12:34:00+00', 59_000));
    await load('api', row('api', '2026-11-20 12:34:41+00', 200_000));
    await load('account-2', row('account', '2026-11-20 13:00:00+00', 30_000, T2));
    await load('api-2', row('api', '2026-11-20 13:00:12+00', 180_000, T2));
    // reversed: the API's play first
    await load('api-3', row('api', '2026-11-20 14:10:05+00', 200_000));
    await load('account-3', row('account', '2026-11-20 14:10:00+00', 12_000));

    expect(await plays()).toEqual(
      [
        ['2026-11-20T12:34:41Z', 59_000],
        ['2026-11-20T13:00:12Z', 30_000],
        ['2026-11-20T14:10:05Z', 12_000],
      ].map(([at, ms]) => ({
        played_at: new Date(at!),
        ms_played: ms,
        source: 'api',
        platform: null,
        played_to_the_minute: false,
      })),
    );
  });

  it('keeps the account play when the play to the second ended in another minute or track', async () => {
    await load('account', row('account', '2026-11-20 12:34:00+00', 59_000));
    await load(
      'extended',
      row('extended', '2026-11-20 12:35:02+00', 61_000),
      row('extended', '2026-11-20 12:34:30+00', 61_000, T2),
    );

    expect((await plays()).map((p) => p.played_to_the_minute)).toEqual([true, false, false]);
  });

  it('changes nothing when the same batches come again', async () => {
    await load('account', row('account', '2026-11-20 12:34:00+00', 59_000));
    await load('extended', row('extended', '2026-11-20 12:34:41+00', 61_000));
    const before = await plays();

    const again = [
      await load('account', row('account', '2026-11-20 12:34:00+00', 59_000)),
      await load('extended', row('extended', '2026-11-20 12:34:41+00', 61_000)),
    ];

    expect(await plays()).toEqual(before);
    const merged = again.map((results) => results.find((r) => r.model === 'plays')!.merged);
    // the account play comes in again and gives way again (in, out); the other is there
    expect(merged).toEqual([2, 0]);
  });
});
