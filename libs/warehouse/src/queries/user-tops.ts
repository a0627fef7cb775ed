import type { Knex } from 'knex';
import { minutesOf, toPage, type Page, type PageRequest } from './page.ts';
import { TRACK_TOTALS, periodBindings, type UserPeriod } from './period.ts';

/*
 * Top tracks, artists and albums over any period, ranked like the marts'
 * top_*_by_period views: by streams, then minutes, then name (a stable order for ties).
 * A track's plays under all its ids (one ISRC) count together, shown under its most
 * played id; a track credits each of its artists.
 */

export interface RankedCounts {
  rank: number;
  plays: number;
  streams: number;
  minutes: number;
}

export interface TopTrack extends RankedCounts {
  spotifyTrackId: string;
  trackName: string;
  artistNames: string | null;
  albumName: string | null;
}

export interface TopArtist extends RankedCounts {
  spotifyArtistId: string;
  artistName: string;
}

export interface TopAlbum extends RankedCounts {
  spotifyAlbumId: string;
  albumName: string;
  artistNames: string | null;
}

type Row = Record<string, string> & { total: string };

const counts = (r: Row): RankedCounts => ({
  rank: Number(r.rank),
  plays: Number(r.plays),
  streams: Number(r.streams),
  minutes: minutesOf(r.ms_played!),
});

const ARTIST_NAMES = (trackKey: string) => `(select string_agg(a.artist_name, ', '
           order by b.artist_position, a.artist_name)
         from warehouse.bridge_track_artist b
         join warehouse.dim_artist a on a.artist_key = b.artist_key
         where b.track_key = ${trackKey})`;

export async function userTopTracks(
  db: Knex,
  period: UserPeriod,
  page: PageRequest,
): Promise<Page<TopTrack>> {
  const result = await db.raw<{ rows: Row[] }>(
    `with ${TRACK_TOTALS},
     per_recording as (
       select t.recording_id,
              (array_agg(tt.track_key order by tt.plays desc, tt.track_key))[1] as track_key,
              sum(tt.plays) as plays, sum(tt.streams) as streams, sum(tt.ms_played) as ms_played
       from track_totals tt join warehouse.dim_track t on t.track_key = tt.track_key
       group by t.recording_id
     ),
     ranked as (
       select r.*, t.spotify_track_id, t.track_name, t.album_key,
              row_number() over (order by r.streams desc, r.ms_played desc, t.track_name,
                                          r.recording_id) as rank,
              count(*) over () as total
       from per_recording r join warehouse.dim_track t on t.track_key = r.track_key
     )
     select k.*, ${ARTIST_NAMES('k.track_key')} as artist_names, al.album_name
     from ranked k left join warehouse.dim_album al on al.album_key = k.album_key
     where k.rank > cast(:offset as integer) and k.rank <= cast(:offset as integer) + cast(:limit as integer)
     order by k.rank`,
    { ...periodBindings(period), ...page },
  );
  return toPage(result.rows, page, (r) => ({
    ...counts(r),
    spotifyTrackId: r.spotify_track_id!,
    trackName: r.track_name!,
    artistNames: r.artist_names ?? null,
    albumName: r.album_name ?? null,
  }));
}

export async function userTopArtists(
  db: Knex,
  period: UserPeriod,
  page: PageRequest,
): Promise<Page<TopArtist>> {
  const result = await db.raw<{ rows: Row[] }>(
    `with ${TRACK_TOTALS},
     per_artist as (
       select b.artist_key, sum(tt.plays) as plays, sum(tt.streams) as streams,
              sum(tt.ms_played) as ms_played
       from track_totals tt join warehouse.bridge_track_artist b on b.track_key = tt.track_key
       group by b.artist_key
     ),
     ranked as (
       select x.*, a.spotify_artist_id, a.artist_name,
              row_number() over (order by x.streams desc, x.ms_played desc, a.artist_name,
                                          x.artist_key) as rank,
              count(*) over () as total
       from per_artist x join warehouse.dim_artist a on a.artist_key = x.artist_key
     )
     select * from ranked where rank > cast(:offset as integer) and rank <= cast(:offset as integer) + cast(:limit as integer) order by rank`,
    { ...periodBindings(period), ...page },
  );
  return toPage(result.rows, page, (r) => ({
    ...counts(r),
    spotifyArtistId: r.spotify_artist_id!,
    artistName: r.artist_name!,
  }));
}

export async function userTopAlbums(
  db: Knex,
  period: UserPeriod,
  page: PageRequest,
): Promise<Page<TopAlbum>> {
  const result = await db.raw<{ rows: Row[] }>(
    `with ${TRACK_TOTALS},
     per_album as (
       select t.album_key, sum(tt.plays) as plays, sum(tt.streams) as streams,
              sum(tt.ms_played) as ms_played
       from track_totals tt join warehouse.dim_track t on t.track_key = tt.track_key
       where t.album_key is not null
       group by t.album_key
     ),
     ranked as (
       select x.*, al.spotify_album_id, al.album_name,
              row_number() over (order by x.streams desc, x.ms_played desc, al.album_name,
                                          x.album_key) as rank,
              count(*) over () as total
       from per_album x join warehouse.dim_album al on al.album_key = x.album_key
     )
     select k.*,
            (select string_agg(distinct a.artist_name, ', ')
             from warehouse.dim_track t
             join warehouse.bridge_track_artist b on b.track_key = t.track_key and b.artist_position = 0
             join warehouse.dim_artist a on a.artist_key = b.artist_key
             where t.album_key = k.album_key) as artist_names
     from ranked k where k.rank > cast(:offset as integer) and k.rank <= cast(:offset as integer) + cast(:limit as integer) order by k.rank`,
    { ...periodBindings(period), ...page },
  );
  return toPage(result.rows, page, (r) => ({
    ...counts(r),
    spotifyAlbumId: r.spotify_album_id!,
    albumName: r.album_name!,
    artistNames: r.artist_names ?? null,
  }));
}
