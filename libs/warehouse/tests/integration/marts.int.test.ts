import { describe, expect, it } from 'vitest';
import { useFixtureWarehouse } from '../support/fixture-warehouse.ts';
import { borisPlays, TRACKS, USERS } from '../support/star-fixture.ts';

/*
 * The marts' numbers against the fixture (tests/support/star-fixture.ts), worked out by
 * hand in the comments: sessions, streaks, the clock, daily and monthly minutes, tops,
 * the privacy policy (incognito excluded) and podcasts counted apart from music.
 * Read as bi_reader, as BI tools do. Each query's rows come back as tuples, in the order
 * of its columns, so each expectation reads as a table.
 */
const now = new Date();
const warehouse = useFixtureWarehouse('warehouse_marts', now);

async function table(sql: string, bindings: string[] = []): Promise<unknown[][]> {
  const result = await warehouse().biReader.raw<{ rows: Record<string, unknown>[] }>(sql, bindings);
  return result.rows.map((row) => Object.values(row));
}

const { ayaka, boris, chloe } = USERS;
const at = (iso: string) => new Date(iso);

describe('marts (real PostgreSQL, fixture loaded with SQL)', () => {
  it('listening_daily: minutes per local day, short plays counted, incognito left out', async () => {
    const daily = await table(
      `select spotify_user_id, date::text, music_plays::int, music_streams::int,
              music_ms_played::int, music_minutes::float, podcast_plays::int,
              podcast_minutes::float
       from marts.listening_daily where spotify_user_id in (?, ?) order by 1, 2`,
      [ayaka, chloe],
    );
    // user, day, plays, streams, ms, minutes, podcast plays, podcast minutes
    expect(daily).toEqual([
      // 200 + 180 + 10 + 200 + 200 s = 790 s = 13.17 min; the 10 s play is no stream;
      // the 25-minute episode is counted apart
      [ayaka, '2025-03-10', 5, 4, 790_000, 13.17, 1, 25],
      [ayaka, '2025-03-11', 1, 1, 180_000, 3, 0, 0],
      // ended at 00:03 the next day: counted on the day it ended
      [ayaka, '2025-03-12', 1, 1, 240_000, 4, 0, 0],
      // the 5 s play only: that day's incognito 4-minute play is not there
      [ayaka, '2025-03-13', 1, 0, 5_000, 0.08, 0, 0],
      [ayaka, '2025-03-14', 1, 1, 200_000, 3.33, 0, 0],
      // 29.999 s (no stream) + 30 s (a stream); that day's incognito episode is not there
      [ayaka, '2025-04-02', 2, 1, 59_999, 1, 0, 0],
      // 2025-06-01 23:30 UTC is 2025-06-02 08:30 in Tokyo
      [chloe, '2025-06-02', 1, 1, 200_000, 3.33, 0, 0],
    ]);
  });

  it('listening_monthly: minutes per month', async () => {
    const monthly = await table(
      `select year_month, music_plays::int, music_streams::int, music_ms_played::int,
              music_minutes::float, podcast_minutes::float, listening_days::int
       from marts.listening_monthly where spotify_user_id = ? order by month`,
      [ayaka],
    );
    // month, plays, streams, ms, minutes, podcast minutes, days with a stream
    expect(monthly).toEqual([
      // 790 + 180 + 240 + 5 + 200 s = 1415 s = 23.58 min; the 13th has no stream
      ['2025-03', 9, 7, 1_415_000, 23.58, 25, 4],
      // 59.999 s = 1.00 min
      ['2025-04', 2, 1, 59_999, 1, 0, 1],
    ]);
  });

  it('sessions: a play starting over 10 minutes after the previous one ended starts one', async () => {
    const sessions = await table(
      `select session_number::int, started_at, ended_at, duration_minutes::float, plays::int,
              music_ms_played::int, podcast_ms_played::int
       from marts.sessions where spotify_user_id = ? order by session_number`,
      [ayaka],
    );
    // number, start, end, minutes, plays, music ms, podcast ms
    expect(sessions).toEqual([
      // from 08:00:00 (200 s before the first play ended) to 08:07:00; the 10 s play
      // starts 30 s after the one before it ended
      [1, at('2025-03-10T08:00:00Z'), at('2025-03-10T08:07:00Z'), 7, 3, 390_000, 0],
      // starts 19:40 after 08:07:00; the next play starts exactly 10:00 after: same session
      [2, at('2025-03-10T08:26:40Z'), at('2025-03-10T08:43:20Z'), 16.67, 2, 400_000, 0],
      // the podcast episode, 21:05 to 21:30
      [3, at('2025-03-10T21:05:00Z'), at('2025-03-10T21:30:00Z'), 25, 1, 0, 1_500_000],
      // across midnight: the second play starts 4 minutes after the first ended
      [4, at('2025-03-11T23:52:00Z'), at('2025-03-12T00:03:00Z'), 11, 2, 420_000, 0],
      // the 5 s play; the incognito play an hour later makes no session
      [5, at('2025-03-13T08:59:55Z'), at('2025-03-13T09:00:00Z'), 0.08, 1, 5_000, 0],
      [6, at('2025-03-14T11:56:40Z'), at('2025-03-14T12:00:00Z'), 3.33, 1, 200_000, 0],
      // 09:59:30.001 to 10:05:00 = 5.4999.. min; the second play starts 4:30 after the first
      [7, at('2025-04-02T09:59:30.001Z'), at('2025-04-02T10:05:00Z'), 5.5, 2, 59_999, 0],
    ]);
  });

  it('streaks: consecutive local days with a stream; short and incognito plays do not count', async () => {
    const streaks = await table(
      `select spotify_user_id, started_on::text, ended_on::text, days::int, is_current, is_longest
       from marts.streaks where spotify_user_id in (?, ?) order by 1, 2`,
      [ayaka, boris],
    );
    const day = (daysAgo: number) =>
      new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    // user, first day, last day, days, current, longest
    expect(streaks).toEqual([
      // the 13th had only a 5 s play and an incognito one
      [ayaka, '2025-03-10', '2025-03-12', 3, false, true],
      [ayaka, '2025-03-14', '2025-03-14', 1, false, false],
      [ayaka, '2025-04-02', '2025-04-02', 1, false, false],
      [boris, day(402), day(400), 3, false, true],
      [boris, day(60), day(60), 1, false, false],
      // listened today and yesterday: current
      [boris, day(1), day(0), 2, true, false],
    ]);
  });

  it("listening_clock: weekday and hour in the user's time zone", async () => {
    const clock = await table(
      `select spotify_user_id, weekday::int, weekday_name, hour::int, music_plays::int,
              music_streams::int, music_minutes::float, podcast_minutes::float
       from marts.listening_clock where spotify_user_id in (?, ?) order by 1, 2, 4`,
      [ayaka, chloe],
    );
    // user, weekday, its name, hour, plays, streams, minutes, podcast minutes
    expect(clock).toEqual([
      [ayaka, 1, 'Monday', 8, 5, 4, 13.17, 0],
      [ayaka, 1, 'Monday', 21, 0, 0, 0, 25],
      [ayaka, 2, 'Tuesday', 23, 1, 1, 3, 0],
      [ayaka, 3, 'Wednesday', 0, 1, 1, 4, 0],
      [ayaka, 3, 'Wednesday', 10, 2, 1, 1, 0],
      [ayaka, 4, 'Thursday', 9, 1, 0, 0.08, 0],
      [ayaka, 5, 'Friday', 12, 1, 1, 3.33, 0],
      // Sunday 23:30 UTC is Monday 08:30 in Tokyo
      [chloe, 1, 'Monday', 8, 1, 1, 3.33, 0],
    ]);
  });

  it('top_artists_by_period: every credited artist, ranked by streams then minutes', async () => {
    const top = await table(
      `select rank::int, artist_name, plays::int, streams::int, ms_played::int
       from marts.top_artists_by_period
       where spotify_user_id = ? and period = 'all_time' order by rank`,
      [ayaka],
    );
    // rank, artist, plays, streams, ms
    expect(top).toEqual([
      // Glow 3 plays (600 s) + Glow (Single) 1 (200 s), all streams
      [1, 'Aurora Lane', 4, 4, 800_000],
      // Low End (180 + 180 + 29.999 + 30 s, 3 streams) + Kaffee (10 + 240 + 5 s, 1 stream):
      // as many streams as Aurora Lane, fewer minutes
      [2, 'Café Müller', 7, 4, 674_999],
      // featured on Low End only
      [3, 'Bassline Collective', 4, 3, 419_999],
    ]);
  });

  it('top_tracks_by_period: one recording under two track ids (same ISRC) counts once', async () => {
    const top = await table(
      `select rank::int, recording_id, track_name, artist_names, streams::int, ms_played::int
       from marts.top_tracks_by_period
       where spotify_user_id = ? and period = 'all_time' order by rank`,
      [ayaka],
    );
    // rank, recording, shown as, artists, streams, ms
    expect(top).toEqual([
      // Glow ×3 and Glow (Single) ×1, shown as the more played id
      [1, 'isrc:GBAAA2100001', 'Glow', 'Aurora Lane', 4, 800_000],
      [2, 'isrc:USBBB1900002', 'Low End', 'Bassline Collective, Café Müller', 3, 419_999],
      [3, 'track:fx-track-kaffee', 'Kaffee', 'Café Müller', 1, 255_000],
    ]);
  });

  it('top_tracks_by_period: periods relative to now', async () => {
    const top = await table(
      `select period, rank::int, track_name, streams::int
       from marts.top_tracks_by_period where spotify_user_id = ? order by period_order, rank`,
      [boris],
    );
    // Boris: Kaffee now and a day ago, Low End 60 days ago, Glow 400 to 402 days ago.
    // What "this_year" holds depends on today's date: read from the fixture's own dates.
    const startOfYear = Date.UTC(now.getUTCFullYear(), 0, 1);
    const thisYear = borisPlays(now).filter((p) => p.playedAt.getTime() >= startOfYear);
    const streamsThisYear = (track: keyof typeof TRACKS) =>
      thisYear.filter((p) => p.track === track).length;
    const thisYearRows = (['kaffee', 'lowEnd'] as const)
      .filter((track) => streamsThisYear(track) > 0)
      .map((track, i) => ['this_year', i + 1, TRACKS[track].name, streamsThisYear(track)]);
    // period, rank, track, streams
    expect(top).toEqual([
      ['last_4_weeks', 1, 'Kaffee', 2],
      ['last_6_months', 1, 'Kaffee', 2],
      ['last_6_months', 2, 'Low End', 1],
      ...thisYearRows,
      ['all_time', 1, 'Glow', 3],
      ['all_time', 2, 'Kaffee', 2],
      ['all_time', 3, 'Low End', 1],
    ]);
  });

  it('podcasts: episode minutes apart from music, incognito episode left out', async () => {
    const podcasts = await table(
      `select spotify_user_id, show_name, plays::int, episodes::int, minutes_played::float
       from marts.podcasts order by 1`,
    );
    expect(podcasts).toEqual([[ayaka, 'Data Talks', 1, 1, 25]]);
  });

  it('user_music_preferences: likes, plays and follows per artist', async () => {
    const preferences = await table(
      `select preference_rank::int, artist_name, liked_tracks::int, streams::int, is_followed,
              genres
       from marts.user_music_preferences where spotify_user_id = ? order by preference_rank`,
      [ayaka],
    );
    // rank, artist, liked tracks, streams, followed now, genres
    expect(preferences).toEqual([
      // as many streams as Aurora Lane, more liked tracks (Low End, saved twice, and Kaffee)
      [1, 'Café Müller', 2, 4, false, null],
      // followed in the latest snapshot (the artist followed only before is not listed)
      [2, 'Aurora Lane', 1, 4, true, ['dream pop', 'synthpop']],
      [3, 'Bassline Collective', 1, 3, false, ['house']],
    ]);
  });

  it('recent_plays_analysis: the last 28 days', async () => {
    const recent = await table(
      `select spotify_user_id, plays::int, streams::int, minutes_played::float,
              unique_tracks::int, unique_albums::int, unique_artists::int, avg_track_popularity
       from marts.recent_plays_analysis order by 1`,
    );
    // only Boris listened in the last 28 days: Kaffee twice (4 + 4 minutes); Spotify no
    // longer gives popularity
    expect(recent).toEqual([[boris, 2, 2, 8, 1, 1, 1, null]]);
  });

  it('keeps incognito plays in the facts and out of every mart', async () => {
    const counts = await table(
      `select (select count(*) from warehouse.fct_play where incognito)::int as a,
              (select count(*) from warehouse.fct_episode_play where incognito)::int as b,
              (select count(*) from warehouse.fct_play where not incognito)::int as c,
              (select count(*) from marts.music_plays)::int as d,
              (select count(*) from marts.podcast_plays)::int as e`,
    );
    // incognito music, incognito episodes, other music plays, music in marts, episodes in marts
    expect(counts).toEqual([[1, 1, 18, 18, 1]]);
  });
});
