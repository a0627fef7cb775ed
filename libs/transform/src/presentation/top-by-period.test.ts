import { describe, expect, it } from 'vitest';
import { topAlbumsByPeriod } from './aggregates/top-albums-by-period.ts';
import { topArtistsByPeriod } from './aggregates/top-artists-by-period.ts';
import { topTracksByPeriod } from './aggregates/top-tracks-by-period.ts';
import { NOW } from './test-support/friend-group-fixture.ts';
import { pick } from './test-support/expected-rows.ts';
import { useProcessedDb } from './test-support/processed-db.ts';
import { TOP_N } from './top-by-period.ts';

type Row = Record<string, unknown>;
const inPeriod = (rows: Row[], period: string): Row[] =>
  rows.filter((row) => row.period === period);

// now = 2026-11-23 12:00 UTC: last_4_weeks from 2026-10-26 12:00, last_6_months from
// 2026-05-23 12:00, this_year from 2026-01-01. alice's plays per period (by hand):
//   all_time       t1 ×4 (720 000 ms), t2 ×2 (470 000), t3 ×4 of which 2 short (445 000)
//   this_year      t1 ×4, t2 ×2, t3 ×3 (245 000, 1 stream): 2025-12-31 drops out
//   last_6_months  t1 ×4, t2 ×2, t3 ×2 short (45 000): 2026-03-10 drops out
//   last_4_weeks   t1 ×3 (540 000): 2026-08-01 drops out
describe('the top items per period over the friend group', () => {
  const db = useProcessedDb();

  it('top_tracks_by_period: ranks by streams then minutes in each period measured from now', async () => {
    const u1 = await db.rows(topTracksByPeriod, 'u1');
    const columns = ['rank', 'track_id', 'minutes', 'streams', 'plays'];
    expect(pick(inPeriod(u1, 'last_4_weeks'), ...columns)).toEqual([
      [1, 't1', 9, 3, 3],
      [2, 't2', 7.83, 2, 2],
      [3, 't3', 0.75, 0, 2],
    ]);
    expect(pick(inPeriod(u1, 'last_6_months'), ...columns)).toEqual([
      [1, 't1', 12, 4, 4],
      [2, 't2', 7.83, 2, 2],
      [3, 't3', 0.75, 0, 2],
    ]);
    expect(pick(inPeriod(u1, 'this_year'), ...columns)).toEqual([
      [1, 't1', 12, 4, 4],
      [2, 't2', 7.83, 2, 2],
      [3, 't3', 4.08, 1, 3],
    ]);
    // t2 and t3 both have 2 streams: t2's 470 000 ms beat t3's 445 000
    expect(pick(inPeriod(u1, 'all_time'), ...columns)).toEqual([
      [1, 't1', 12, 4, 4],
      [2, 't2', 7.83, 2, 2],
      [3, 't3', 7.42, 2, 4],
    ]);
    expect(inPeriod(u1, 'all_time')[1]).toMatchObject({
      track_name: 'Track Two',
      artist_names: 'Artist One, Artist Two',
      recording_id: 'isrc:USAAA0000002',
    });
  });

  it('top_tracks_by_period: track ids sharing an ISRC count as one recording, shown as the most played id', async () => {
    // bob: t2 ×2 and t5 ×1 (t2's ISRC in lower case), t4 ×1 without an ISRC
    expect(
      pick(
        inPeriod(await db.rows(topTracksByPeriod, 'u2'), 'all_time'),
        'rank',
        'track_id',
        'recording_id',
        'minutes',
        'streams',
      ),
    ).toEqual([
      [1, 't2', 'isrc:USAAA0000002', 10, 3],
      [2, 't4', 'track:t4', 4, 1],
    ]);
  });

  it('top_artists_by_period: a play credits every artist of its track, the incognito one none', async () => {
    const columns = ['rank', 'artist_id', 'artist_name', 'minutes', 'streams', 'plays'];
    // a1: t1 ×4 + t2 ×2 (1 190 000 ms); a2: t2 ×2; a3: t3 ×4; a4 only incognito
    expect(pick(inPeriod(await db.rows(topArtistsByPeriod, 'u1'), 'all_time'), ...columns)).toEqual(
      [
        [1, 'a1', 'Artist One', 19.83, 6, 6],
        [2, 'a2', 'Artist Two', 7.83, 2, 2],
        [3, 'a3', 'Artist Three', 7.42, 2, 4],
      ],
    );
    // a1 and a2 tie on streams and minutes: the name decides
    expect(
      pick(inPeriod(await db.rows(topArtistsByPeriod, 'u2'), 'last_4_weeks'), ...columns),
    ).toEqual([
      [1, 'a1', 'Artist One', 10, 3, 3],
      [2, 'a2', 'Artist Two', 10, 3, 3],
      [3, 'a4', 'Artist Four', 4, 1, 1],
    ]);
  });

  it('top_albums_by_period: a play counts for its track album', async () => {
    const columns = ['rank', 'album_id', 'album_name', 'minutes', 'streams', 'plays'];
    expect(pick(inPeriod(await db.rows(topAlbumsByPeriod, 'u1'), 'all_time'), ...columns)).toEqual([
      [1, 'al1', 'Album One', 19.83, 6, 6],
      [2, 'al2', 'Album Two', 7.42, 2, 4],
    ]);
    expect(pick(inPeriod(await db.rows(topAlbumsByPeriod, 'u2'), 'this_year'), ...columns)).toEqual(
      [
        [1, 'al1', 'Album One', 6.67, 2, 2],
        [2, 'al2', 'Album Two', 4, 1, 1],
        [3, 'al3', 'Single Two', 3.33, 1, 1],
      ],
    );
  });
});

describe('the top items keep the first TOP_N', () => {
  // 60 tracks, track k played k times the day before now: track 60 ranks first.
  const tracks = Array.from({ length: 60 }, (_, index) => `t${String(index + 1).padStart(2, '0')}`);
  const day = NOW.getTime() - 86_400_000;
  const db = useProcessedDb({
    tracks: tracks.map((track_id) => ({ track_id, track_name: track_id })),
    plays: tracks.flatMap((track_id, index) =>
      Array.from({ length: index + 1 }, (_, play) => ({
        user_id: 'u1',
        played_at: new Date(day + play * 60_000).toISOString(),
        track_id,
        ms_played: 40_000,
      })),
    ),
  });

  it(`ranks 1 to ${TOP_N} in each period`, async () => {
    const allTime = inPeriod(await db.rows(topTracksByPeriod), 'all_time');
    expect(allTime).toHaveLength(TOP_N);
    expect(pick([allTime[0]!, allTime.at(-1)!], 'rank', 'track_id', 'streams')).toEqual([
      [1, 't60', 60],
      [TOP_N, 't11', 11],
    ]);
  });
});
