import { DIMENSION_UPSERTS } from './dimension-upserts.ts';
import type { ProcessedModel } from './processed-columns.ts';

/*
 * One statement per processed model, from its staging table (stg_<model>) into the star
 * schema. $1 is the batch id. Each returns the rows it inserted or changed, so the run
 * report can say what a batch did; run twice with the same batch, each changes nothing:
 * dimensions update only when a value differs (IS DISTINCT FROM, dimension-upserts.ts),
 * facts insert only new grains (ON CONFLICT on the grain's unique constraint).
 *
 * Facts join their dimensions on natural keys; a fact row whose dimension row is missing
 * (its track was quarantined, say) is not loaded — the `orphans` query counts those.
 */

const dateKey = (column: string) => `(to_char(${column}, 'YYYYMMDD'))::integer`;

/*
 * The play facts' INSERT … SELECT without its conflict clause: what the merges below
 * add ON CONFLICT to, and what new-grain-insert.ts runs alone when no row of the batch
 * can meet a loaded one (for a batch given as CSV; the transform's play facts go by
 * play-fact-copy.ts).
 */
export const PLAYS_INSERT = `
    insert into warehouse.fct_play as f (user_key, track_key, played_at, ms_played, skipped,
      reason_start, reason_end, shuffle, offline, platform, conn_country, incognito,
      context_type, context_uri, source, played_to_the_minute, load_batch_id)
    select u.user_key, t.track_key, s.played_at, s.ms_played, s.skipped, s.reason_start,
      s.reason_end, s.shuffle, s.offline, s.platform, s.conn_country, coalesce(s.incognito, false),
      s.context_type, s.context_uri, s.source, coalesce(s.played_to_the_minute, false), $1
    from stg_plays s
    join warehouse.dim_user u on u.spotify_user_id = s.user_id
    join warehouse.dim_track t on t.spotify_track_id = s.track_id`;

export const EPISODE_PLAYS_INSERT = `
    insert into warehouse.fct_episode_play (user_key, episode_key, played_at, ms_played, skipped,
      reason_start, reason_end, shuffle, offline, platform, conn_country, incognito, source,
      played_to_the_minute, load_batch_id)
    select u.user_key, e.episode_key, s.played_at, s.ms_played, s.skipped, s.reason_start,
      s.reason_end, s.shuffle, s.offline, s.platform, s.conn_country, coalesce(s.incognito, false),
      s.source, coalesce(s.played_to_the_minute, false), $1
    from stg_episode_plays s
    join warehouse.dim_user u on u.spotify_user_id = s.user_id
    join warehouse.dim_episode e on e.spotify_episode_id = s.episode_id`;

export const STAR_MERGES: Record<ProcessedModel, string> = {
  users: `
    insert into warehouse.dim_user (spotify_user_id, first_seen_at)
    select user_id, min(first_seen_at) from stg_users group by user_id
    on conflict (spotify_user_id) do update set first_seen_at = excluded.first_seen_at
      where excluded.first_seen_at < warehouse.dim_user.first_seen_at`,

  albums: DIMENSION_UPSERTS.albums,

  artists: DIMENSION_UPSERTS.artists,

  tracks: DIMENSION_UPSERTS.tracks,

  track_artists: `
    insert into warehouse.bridge_track_artist as b (track_key, artist_key, artist_position)
    select t.track_key, a.artist_key, min(s.artist_position)
    from stg_track_artists s
    join warehouse.dim_track t on t.spotify_track_id = s.track_id
    join warehouse.dim_artist a on a.spotify_artist_id = s.artist_id
    group by t.track_key, a.artist_key
    on conflict (track_key, artist_key) do update set artist_position = excluded.artist_position
      where b.artist_position <> excluded.artist_position`,

  episodes: DIMENSION_UPSERTS.episodes,

  playlists: DIMENSION_UPSERTS.playlists,

  // The import's row wins over the API's for the same play: it knows ms_played, skips,
  // reasons and platform, which recently-played does not report. A play known to the
  // second wins over one known only to the minute that ended at that same second (the
  // other cases of the minute rule are minute-plays.ts'); an account play never replaces
  // a play known to the second.
  plays: `${PLAYS_INSERT}
    on conflict (user_key, played_at, track_key) do update set
      ms_played = excluded.ms_played, skipped = excluded.skipped,
      reason_start = excluded.reason_start, reason_end = excluded.reason_end,
      shuffle = excluded.shuffle, offline = excluded.offline, platform = excluded.platform,
      conn_country = excluded.conn_country, incognito = excluded.incognito,
      context_type = coalesce(f.context_type, excluded.context_type),
      context_uri = coalesce(f.context_uri, excluded.context_uri),
      source = excluded.source, played_to_the_minute = excluded.played_to_the_minute,
      load_batch_id = excluded.load_batch_id, loaded_at = now()
      where not excluded.played_to_the_minute
        and ((f.source = 'api' and excluded.source = 'import') or f.played_to_the_minute)`,

  episode_plays: `${EPISODE_PLAYS_INSERT}
    on conflict (user_key, played_at, episode_key) do nothing`,

  saved_tracks: `
    insert into warehouse.fct_saved_track (user_key, track_key, added_at, load_batch_id)
    select u.user_key, t.track_key, s.added_at, $1
    from stg_saved_tracks s
    join warehouse.dim_user u on u.spotify_user_id = s.user_id
    join warehouse.dim_track t on t.spotify_track_id = s.track_id
    on conflict (user_key, track_key, added_at) do nothing`,

  saved_albums: `
    insert into warehouse.fct_saved_album (user_key, album_key, snapshot_date_key, added_at, load_batch_id)
    select u.user_key, a.album_key, ${dateKey('s.snapshot_date')}, s.added_at, $1
    from stg_saved_albums s
    join warehouse.dim_user u on u.spotify_user_id = s.user_id
    join warehouse.dim_album a on a.spotify_album_id = s.album_id
    on conflict (user_key, album_key, snapshot_date_key) do nothing`,

  followed_artists: `
    insert into warehouse.fct_followed_artist (user_key, artist_key, snapshot_date_key, load_batch_id)
    select u.user_key, a.artist_key, ${dateKey('s.snapshot_date')}, $1
    from stg_followed_artists s
    join warehouse.dim_user u on u.spotify_user_id = s.user_id
    join warehouse.dim_artist a on a.spotify_artist_id = s.artist_id
    on conflict (user_key, artist_key, snapshot_date_key) do nothing`,

  top_items: `
    insert into warehouse.fct_top_item_snapshot (user_key, snapshot_date_key, item_type,
      time_range, rank, track_key, artist_key, load_batch_id)
    select u.user_key, ${dateKey('s.snapshot_date')}, s.item_type, s.time_range, s.rank,
      t.track_key, a.artist_key, $1
    from stg_top_items s
    join warehouse.dim_user u on u.spotify_user_id = s.user_id
    left join warehouse.dim_track t on s.item_type = 'track' and t.spotify_track_id = s.track_id
    left join warehouse.dim_artist a on s.item_type = 'artist' and a.spotify_artist_id = s.artist_id
    where (s.item_type = 'track' and t.track_key is not null)
       or (s.item_type = 'artist' and a.artist_key is not null)
    on conflict (user_key, item_type, time_range, snapshot_date_key, rank) do nothing`,

  playlist_items: `
    insert into warehouse.fct_playlist_item_snapshot (playlist_key, snapshot_date_key,
      snapshot_id, position, item_type, track_key, episode_key, added_at,
      added_by_spotify_user_id, load_batch_id)
    select p.playlist_key, ${dateKey('s.snapshot_date')}, s.snapshot_id, s.position, s.item_type,
      t.track_key, e.episode_key, s.added_at, s.added_by, $1
    from stg_playlist_items s
    join warehouse.dim_playlist p on p.spotify_playlist_id = s.playlist_id
    left join warehouse.dim_track t on s.item_type = 'track' and t.spotify_track_id = s.track_id
    left join warehouse.dim_episode e on s.item_type = 'episode' and e.spotify_episode_id = s.episode_id
    where (s.item_type = 'track' and t.track_key is not null)
       or (s.item_type = 'episode' and e.episode_key is not null)
    on conflict (playlist_key, snapshot_date_key, position) do nothing`,

  chart_entries: `
    insert into warehouse.fct_chart_entry (chart_name, chart_date_key, rank, track_key, streams,
      peak_rank, previous_rank, periods_on_chart, source, load_batch_id)
    select s.chart_name, ${dateKey('s.chart_date')}, s.rank, t.track_key, s.streams, s.peak_rank,
      s.previous_rank, s.periods_on_chart, s.source, $1
    from stg_chart_entries s
    join warehouse.dim_track t on t.spotify_track_id = s.track_id
    on conflict (chart_name, chart_date_key, rank) do nothing`,
};

// A JSON null or a missing list means "no genres", never an error.
const genresArray = (column: string) =>
  `case when jsonb_typeof(${column}) = 'array' then ${column} else '[]'::jsonb end`;

/** Genres, when the API gave any (2026: only extended-quota apps), after dim_artist. */
export const GENRE_MERGES = [
  `insert into warehouse.dim_genre (genre_name)
   select distinct name from stg_artists
   cross join lateral jsonb_array_elements_text(${genresArray('genres')}) as name
   on conflict (genre_name) do nothing`,
  `
  insert into warehouse.bridge_artist_genre (artist_key, genre_key)
  select distinct a.artist_key, g.genre_key
  from stg_artists s
  cross join lateral jsonb_array_elements_text(${genresArray('s.genres')}) as name
  join warehouse.dim_genre g on g.genre_name = name
  join warehouse.dim_artist a on a.spotify_artist_id = s.artist_id
  on conflict do nothing`,
];
