import type { Knex } from 'knex';
import { minutesOf } from './page.ts';
import { PLAYS_IN_PERIOD, TRACK_TOTALS, periodBindings, type UserPeriod } from './period.ts';

/** A listener's totals over a period: music as Spotify counts it, podcasts apart. */
export interface UserOverview {
  plays: number;
  /** plays of at least 30 s */
  streams: number;
  minutes: number;
  /** distinct recordings (one ISRC under two track ids is one track) */
  distinctTracks: number;
  /** every credited artist, featured ones too */
  distinctArtists: number;
  distinctAlbums: number;
  podcastPlays: number;
  podcastMinutes: number;
  firstPlayedAt: Date | null;
  lastPlayedAt: Date | null;
}

export async function userOverview(db: Knex, period: UserPeriod): Promise<UserOverview> {
  const result = await db.raw<{ rows: Record<string, string | null>[] }>(
    `with ${TRACK_TOTALS},
     podcasts as (
       select count(*) as plays, coalesce(sum(p.ms_played), 0) as ms
       from marts.podcast_plays p where ${PLAYS_IN_PERIOD}
     )
     select coalesce(sum(tt.plays), 0) as plays, coalesce(sum(tt.streams), 0) as streams,
            coalesce(sum(tt.ms_played), 0) as ms, count(distinct t.recording_id) as tracks,
            count(distinct t.album_key) as albums,
            (select count(distinct b.artist_key) from track_totals x
             join warehouse.bridge_track_artist b on b.track_key = x.track_key) as artists,
            (select plays from podcasts) as podcast_plays, (select ms from podcasts) as podcast_ms,
            min(tt.first_played_at) as first_played_at, max(tt.last_played_at) as last_played_at
     from track_totals tt join warehouse.dim_track t on t.track_key = tt.track_key`,
    periodBindings(period),
  );
  const r = result.rows[0]!;
  return {
    plays: Number(r.plays),
    streams: Number(r.streams),
    minutes: minutesOf(r.ms),
    distinctTracks: Number(r.tracks),
    distinctArtists: Number(r.artists),
    distinctAlbums: Number(r.albums),
    podcastPlays: Number(r.podcast_plays),
    podcastMinutes: minutesOf(r.podcast_ms),
    firstPlayedAt: r.first_played_at as unknown as Date | null,
    lastPlayedAt: r.last_played_at as unknown as Date | null,
  };
}
