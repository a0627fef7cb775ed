import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadBatch,
  type ModelCsv,
  type ModelLoadResult,
  type ProcessedModel,
} from '../../src/index.ts';
import { csv } from '../support/csv-input.ts';
import { createScratchWarehouse, type ScratchWarehouse } from '../support/scratch-warehouse.ts';

/*
 * The loader on the real PostgreSQL: COPY into staging, merge into the star schema, and
 * the promise that matters most — the same batch loaded twice changes nothing.
 */
let warehouse: ScratchWarehouse;

beforeAll(async () => {
  warehouse = await createScratchWarehouse('load_batch');
});

afterAll(async () => {
  await warehouse?.drop();
});

const T1 = '4uLU6hMCjMI75M1A2tKUQC';
const T2 = '7qiZfU4dY1lWllzX7mPBI3';
const batch: Partial<Record<ProcessedModel, ModelCsv>> = {
  users: csv(
    `user_id,first_seen_at\nayaka.sim,2026-11-01 10:00:00+00\nboris.sim,2026-11-02 10:00:00+00`,
  ),
  albums: csv(
    `album_id,album_name,album_type,release_date,total_tracks,label,popularity\nal1,"Album, ""One""",album,2019-05,12,,`,
  ),
  artists: csv(
    `artist_id,artist_name,popularity,followers,genres\nar1,<script>x</script>,,,"[""j-pop"",""city pop""]"\nar2,Two,,,`,
  ),
  tracks: csv(
    `track_id,track_name,duration_ms,isrc,album_id,explicit,popularity\n${T1},Song A,200000,JPX000000001,al1,false,\n${T2},Song B,180000,,al1,true,`,
  ),
  track_artists: csv(`track_id,artist_id,artist_position\n${T1},ar1,0\n${T1},ar2,1\n${T2},ar2,0`),
  plays: csv(
    [
      'user_id,played_at,track_id,ms_played,skipped,reason_start,reason_end,shuffle,offline,platform,conn_country,incognito,context_type,context_uri,source,played_to_the_minute',
      `ayaka.sim,2026-11-20 10:00:00+00,${T1},200000,,,,,,,,false,album,spotify:album:al1,api,`,
      `ayaka.sim,2026-11-20 10:03:00+00,${T2},180000,,,,,,,,false,,,api,`,
      `boris.sim,2026-11-20 11:00:00+00,${T1},200000,,,,,,,,false,,,api,`,
      // a play of a track the batch does not know: not loaded (no dimension row)
      `boris.sim,2026-11-20 12:00:00+00,unknowntrack0000000000,1000,,,,,,,,false,,,api,`,
    ].join('\n'),
  ),
  top_items: csv(
    `user_id,snapshot_date,item_type,time_range,rank,track_id,artist_id\nayaka.sim,2026-11-20,track,short_term,1,${T1},\nayaka.sim,2026-11-20,artist,short_term,1,,ar1`,
  ),
};

async function counts(): Promise<Record<string, number>> {
  const tables = [
    'dim_user',
    'dim_album',
    'dim_artist',
    'dim_track',
    'bridge_track_artist',
    'dim_genre',
    'bridge_artist_genre',
    'fct_play',
    'fct_top_item_snapshot',
  ];
  const result: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await warehouse.owner(`warehouse.${table}`).count<{ count: string }[]>({
      count: '*',
    });
    result[table] = Number(row!.count);
  }
  return result;
}

const PLAYS_HEADER =
  'user_id,played_at,track_id,ms_played,skipped,reason_start,reason_end,shuffle,offline,platform,conn_country,incognito,context_type,context_uri,source,played_to_the_minute';

/** API plays as the loader's CSV: [user, played_at, track] each. */
const apiPlays = (...plays: Array<[string, string, string]>): ModelCsv =>
  csv(
    [
      PLAYS_HEADER,
      ...plays.map(([user, at, track]) => `${user},${at},${track},1000,,,,,,,,false,,,api,`),
    ].join('\n'),
  );

async function playGrainKey(): Promise<string | undefined> {
  const { rows } = await warehouse.owner.raw<{ rows: { definition: string }[] }>(
    `select conname || ' ' || pg_get_constraintdef(oid) as definition from pg_constraint
     where conrelid = 'warehouse.fct_play'::regclass and contype = 'p'`,
  );
  return rows[0]?.definition;
}

const methodOf = (results: ModelLoadResult[], model: ProcessedModel) =>
  results.find((r) => r.model === model)?.method;

describe('loadBatch', () => {
  it('keeps an empty fact and its primary key as they were when a batch fails after it', async () => {
    const key = await playGrainKey();
    expect(key).toBe('fct_play_grain PRIMARY KEY (user_key, played_at, track_key)');
    const failing = {
      ...batch,
      // after plays in the load order: the key has been dropped and rebuilt by then
      top_items: csv(
        `user_id,snapshot_date,item_type,time_range,rank,track_id,artist_id\nayaka.sim,not-a-date,track,short_term,1,${T1},`,
      ),
    };
    await expect(loadBatch(warehouse.owner, 'failing', failing)).rejects.toThrow(/date/);
    expect((await counts()).fct_play).toBe(0);
    expect(await playGrainKey()).toBe(key);
  });

  it('merges a batch into the star schema, and the same batch again changes nothing', async () => {
    const first = await loadBatch(warehouse.owner, 'batch-1', batch);
    // into the empty fact: a plain insert, the primary key built after it, as it was
    expect(methodOf(first, 'plays')).toBe('insert, key rebuilt');
    expect(await playGrainKey()).toBe(
      'fct_play_grain PRIMARY KEY (user_key, played_at, track_key)',
    );
    const merged = Object.fromEntries(first.map((r) => [r.model, r.merged]));
    expect(merged).toMatchObject({ users: 2, albums: 1, artists: 2, tracks: 2, plays: 3 });
    const after = await counts();
    expect(after).toEqual({
      dim_user: 2,
      dim_album: 1,
      dim_artist: 2,
      dim_track: 2,
      bridge_track_artist: 3,
      dim_genre: 2,
      bridge_artist_genre: 2,
      fct_play: 3,
      fct_top_item_snapshot: 2,
    });
    const album = await warehouse.owner('warehouse.dim_album').first();
    expect(album).toMatchObject({ album_name: 'Album, "One"', release_year: 2019, label: null });
    const artist = await warehouse
      .owner('warehouse.dim_artist')
      .where({ spotify_artist_id: 'ar1' })
      .first();
    expect(artist.artist_name).toBe('<script>x</script>');

    const again = await loadBatch(warehouse.owner, 'batch-1-again', batch);
    expect(methodOf(again, 'plays')).toBe('merge');
    expect(again.every((r) => r.merged === 0)).toBe(true);
    expect(await counts()).toEqual(after);
  });

  it('lets an imported play replace the API row of the same play, once', async () => {
    const imported = {
      plays: csv(
        [
          'user_id,played_at,track_id,ms_played,skipped,reason_start,reason_end,shuffle,offline,platform,conn_country,incognito,context_type,context_uri,source,played_to_the_minute',
          `ayaka.sim,2026-11-20 10:00:00+00,${T1},187000,false,clickrow,trackdone,true,false,ios,JP,false,,,import,`,
        ].join('\n'),
      ),
    };
    const first = await loadBatch(warehouse.owner, 'import-1', imported);
    expect(first.find((r) => r.model === 'plays')!.merged).toBe(1);
    const play = await warehouse
      .owner('warehouse.fct_play')
      .where({ played_at: new Date('2026-11-20T10:00:00Z') })
      .first();
    expect(play).toMatchObject({
      ms_played: 187000,
      source: 'import',
      platform: 'ios',
      context_type: 'album', // kept from the API's row
      load_batch_id: 'import-1',
    });
    expect((await counts()).fct_play).toBe(3);

    const again = await loadBatch(warehouse.owner, 'import-1-again', imported);
    expect(again.find((r) => r.model === 'plays')!.merged).toBe(0);
  });

  it('inserts plays without a merge when no user has a loaded play in the batch’s time range', async () => {
    const before = (await counts()).fct_play ?? 0;
    // the day after every loaded play: nothing to meet
    const later = {
      plays: apiPlays(
        ['ayaka.sim', '2026-11-21 09:00:00+00', T1],
        ['boris.sim', '2026-11-21 09:00:00+00', T2],
        ['boris.sim', '2026-11-21 09:05:00+00', 'unknowntrack0000000000'],
      ),
    };
    const first = await loadBatch(warehouse.owner, 'later', later);
    expect(first.find((r) => r.model === 'plays')).toMatchObject({ merged: 2, method: 'insert' });
    expect((await counts()).fct_play).toBe(before + 2);

    const again = await loadBatch(warehouse.owner, 'later-again', later);
    expect(again.find((r) => r.model === 'plays')).toMatchObject({ merged: 0, method: 'merge' });
    expect((await counts()).fct_play).toBe(before + 2);
  });

  it('merges a batch that reaches into a user’s loaded time range, new plays and all', async () => {
    const before = (await counts()).fct_play ?? 0;
    // between ayaka's 10:00 and 10:03 plays, and one she already has
    const between = {
      plays: apiPlays(
        ['ayaka.sim', '2026-11-20 10:01:30+00', T2],
        ['ayaka.sim', '2026-11-20 10:03:00+00', T2],
      ),
    };
    const result = await loadBatch(warehouse.owner, 'between', between);
    expect(result.find((r) => r.model === 'plays')).toMatchObject({ merged: 1, method: 'merge' });
    expect((await counts()).fct_play).toBe(before + 1);
  });

  it('loads nothing of a batch whose rows break a constraint, and says which', async () => {
    const before = await counts();
    const broken = {
      users: csv(`user_id,first_seen_at\nnew.user,2026-11-03 10:00:00+00`),
      albums: csv(
        `album_id,album_name,album_type,release_date,total_tracks,label,popularity\nal2,Bad,album,not-a-date,1,,`,
      ),
    };
    await expect(loadBatch(warehouse.owner, 'broken', broken)).rejects.toThrow(/release_date/);
    expect(await counts()).toEqual(before);
  });
});
