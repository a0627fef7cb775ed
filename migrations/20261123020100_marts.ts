import type { Knex } from 'knex';

/*
 * The marts: views on the star schema for BI tools, psql and the API, in schema `marts`.
 * Plain views (always current, nothing to refresh); materialise one only when it is
 * measured to be too slow.
 *
 * Policy, applied once in the three base views (music_plays, podcast_plays, all_plays)
 * that every other view reads:
 * - incognito plays are kept in the warehouse but never reach an insight;
 * - music and podcasts are counted apart (separate columns or separate views);
 * - days, hours and weekdays are in the user's time zone (dim_user.time_zone); a play
 *   belongs to the day and hour in which it ended (played_at);
 * - plays count every play, streams only plays of at least 30 s, minutes add up every
 *   ms_played (short plays included), as Spotify counts them;
 * - a track credits each of its artists (a featured artist gets the play too).
 *
 * Views, in creation order (each reads only the ones above it):
 *   music_plays, podcast_plays, all_plays      one row per play (base views)
 *   listening_daily, listening_monthly          minutes, plays, streams per user and day/month
 *   top_tracks_by_period, top_artists_by_period ranks per user over last_4_weeks,
 *                                               last_6_months, this_year, all_time (from now())
 *   listening_clock                             per user, weekday (ISO, 1 = Monday) and hour
 *   sessions                                    a gap of more than 10 minutes starts a new one
 *   streaks                                     runs of consecutive days with a stream
 *   podcasts                                    per user and show
 *   user_music_preferences                      per user and artist: likes, plays, follows, genres
 *   recent_plays_analysis                       per user, the last 28 days summed up
 */

const minutes = (ms: string) => `round(${ms} / 60000.0, 2)`;

// When a play (f) of a user (u) ended and started, in UTC and in the user's time zone.
const PLAY_TIMES = `f.played_at,
       f.played_at - f.ms_played * interval '1 millisecond' as started_at,
       f.played_at at time zone u.time_zone as local_played_at,
       (f.played_at at time zone u.time_zone)::date as local_date`;

const BASE_VIEWS = `
create view marts.music_plays as
select f.user_key, u.spotify_user_id, u.display_name, u.time_zone,
       ${PLAY_TIMES}, f.ms_played, f.is_stream, f.skipped, f.shuffle, f.platform, f.source,
       f.track_key, t.spotify_track_id, t.track_name, t.recording_id, t.isrc,
       t.duration_ms as track_duration_ms, t.popularity as track_popularity,
       t.album_key, al.album_name
from warehouse.fct_play f
join warehouse.dim_user u on u.user_key = f.user_key
join warehouse.dim_track t on t.track_key = f.track_key
left join warehouse.dim_album al on al.album_key = t.album_key
where not f.incognito;
comment on view marts.music_plays is
  'One row per music play, incognito plays excluded, with the user''s local time.';

create view marts.podcast_plays as
select f.user_key, u.spotify_user_id, u.display_name, u.time_zone,
       ${PLAY_TIMES}, f.ms_played, f.is_stream, f.skipped, f.platform, f.source,
       f.episode_key, e.spotify_episode_id, e.episode_name, e.show_name, e.spotify_show_id
from warehouse.fct_episode_play f
join warehouse.dim_user u on u.user_key = f.user_key
join warehouse.dim_episode e on e.episode_key = f.episode_key
where not f.incognito;
comment on view marts.podcast_plays is
  'One row per podcast episode play, incognito plays excluded, with the user''s local time.';

create view marts.all_plays as
select 'music'::text as content_type, user_key, spotify_user_id, time_zone, played_at,
       started_at, local_played_at, local_date, ms_played, is_stream,
       track_key, null::bigint as episode_key
from marts.music_plays
union all
select 'podcast', user_key, spotify_user_id, time_zone, played_at,
       started_at, local_played_at, local_date, ms_played, is_stream,
       null, episode_key
from marts.podcast_plays;
comment on view marts.all_plays is
  'Music and podcast plays together (content_type music or podcast), incognito excluded.';
`;

// The per-content columns of the listening views: music and podcasts side by side.
const LISTENING_COLUMNS = `
       count(*) filter (where content_type = 'music') as music_plays,
       count(*) filter (where content_type = 'music' and is_stream) as music_streams,
       coalesce(sum(ms_played) filter (where content_type = 'music'), 0) as music_ms_played,
       ${minutes("coalesce(sum(ms_played) filter (where content_type = 'music'), 0)")} as music_minutes,
       count(*) filter (where content_type = 'podcast') as podcast_plays,
       coalesce(sum(ms_played) filter (where content_type = 'podcast'), 0) as podcast_ms_played,
       ${minutes("coalesce(sum(ms_played) filter (where content_type = 'podcast'), 0)")} as podcast_minutes`;

const LISTENING_VIEWS = `
create view marts.listening_daily as
select user_key, spotify_user_id, local_date as date,
       to_char(local_date, 'YYYYMMDD')::integer as date_key,
       ${LISTENING_COLUMNS},
       count(distinct track_key) as unique_tracks
from marts.all_plays
group by user_key, spotify_user_id, local_date;
comment on view marts.listening_daily is
  'Per user and local day: music plays, streams and minutes, podcast plays and minutes.';

create view marts.listening_monthly as
select user_key, spotify_user_id,
       date_trunc('month', local_date)::date as month,
       to_char(local_date, 'YYYY-MM') as year_month,
       ${LISTENING_COLUMNS},
       count(distinct track_key) as unique_tracks,
       count(distinct local_date) filter (where is_stream) as listening_days
from marts.all_plays
group by user_key, spotify_user_id, date_trunc('month', local_date), to_char(local_date, 'YYYY-MM');
comment on view marts.listening_monthly is
  'Per user and local month: music plays, streams and minutes, podcast plays and minutes.';

create view marts.listening_clock as
select user_key, spotify_user_id,
       extract(isodow from local_played_at)::smallint as weekday,
       to_char(local_played_at, 'FMDay') as weekday_name,
       extract(hour from local_played_at)::smallint as hour,
       ${LISTENING_COLUMNS}
from marts.all_plays
group by user_key, spotify_user_id, extract(isodow from local_played_at),
         to_char(local_played_at, 'FMDay'), extract(hour from local_played_at);
comment on view marts.listening_clock is
  'Per user, local weekday (ISO: 1 = Monday) and hour (0-23): music and podcast listening.';
`;

// Plays in each period, relative to now(); "this_year" is the user's local calendar year.
const PLAYS_BY_PERIOD = `
periods (period, period_order) as (
  values ('last_4_weeks', 1), ('last_6_months', 2), ('this_year', 3), ('all_time', 4)
),
scoped as (
  select pr.period, pr.period_order, p.*
  from marts.music_plays p
  join periods pr on case pr.period
    when 'last_4_weeks' then p.played_at >= now() - interval '28 days'
    when 'last_6_months' then p.played_at >= now() - interval '6 months'
    when 'this_year' then p.local_played_at >= date_trunc('year', now() at time zone p.time_zone)
    else true
  end
)`;

const TOP_VIEWS = `
create view marts.top_tracks_by_period as
with ${PLAYS_BY_PERIOD},
per_track as (
  select user_key, spotify_user_id, period, period_order, recording_id, track_key,
         count(*) as plays, count(*) filter (where is_stream) as streams,
         sum(ms_played) as ms_played
  from scoped
  group by user_key, spotify_user_id, period, period_order, recording_id, track_key
),
per_recording as (
  -- a recording's plays under all its track ids, shown as its most played track id
  select user_key, spotify_user_id, period, period_order, recording_id,
         (array_agg(track_key order by plays desc, track_key))[1] as track_key,
         sum(plays) as plays, sum(streams) as streams, sum(ms_played) as ms_played
  from per_track
  group by user_key, spotify_user_id, period, period_order, recording_id
)
select r.user_key, r.spotify_user_id, r.period, r.period_order,
       row_number() over (partition by r.user_key, r.period
                          order by r.streams desc, r.ms_played desc, t.track_name, r.recording_id
       ) as rank,
       r.recording_id, t.spotify_track_id, t.track_name,
       (select string_agg(a.artist_name, ', ' order by b.artist_position, a.artist_name)
        from warehouse.bridge_track_artist b
        join warehouse.dim_artist a on a.artist_key = b.artist_key
        where b.track_key = r.track_key) as artist_names,
       al.album_name, r.plays, r.streams, r.ms_played, ${minutes('r.ms_played')} as minutes_played
from per_recording r
join warehouse.dim_track t on t.track_key = r.track_key
left join warehouse.dim_album al on al.album_key = t.album_key;
comment on view marts.top_tracks_by_period is
  'Per user and period (last_4_weeks, last_6_months, this_year, all_time; relative to now()): every recording ranked by streams, then minutes. Filter rank <= N for a top N.';

create view marts.top_artists_by_period as
with ${PLAYS_BY_PERIOD},
per_artist as (
  select s.user_key, s.spotify_user_id, s.period, s.period_order, b.artist_key,
         count(*) as plays, count(*) filter (where s.is_stream) as streams,
         sum(s.ms_played) as ms_played
  from scoped s
  join warehouse.bridge_track_artist b on b.track_key = s.track_key
  group by s.user_key, s.spotify_user_id, s.period, s.period_order, b.artist_key
)
select p.user_key, p.spotify_user_id, p.period, p.period_order,
       row_number() over (partition by p.user_key, p.period
                          order by p.streams desc, p.ms_played desc, a.artist_name, a.artist_key
       ) as rank,
       a.spotify_artist_id, a.artist_name, p.plays, p.streams, p.ms_played,
       ${minutes('p.ms_played')} as minutes_played
from per_artist p
join warehouse.dim_artist a on a.artist_key = p.artist_key;
comment on view marts.top_artists_by_period is
  'Per user and period (last_4_weeks, last_6_months, this_year, all_time; relative to now()): every artist ranked by streams, then minutes; a track credits each of its artists.';
`;

const SESSION_AND_STREAK_VIEWS = `
create view marts.sessions as
with ordered as (
  select p.*,
         -- the latest end of any earlier play: a long play can outlast the next one's start
         max(played_at) over (partition by user_key order by played_at, started_at, content_type
                              rows between unbounded preceding and 1 preceding) as previous_end
  from marts.all_plays p
),
numbered as (
  select *,
         sum(case when previous_end is null or started_at - previous_end > interval '10 minutes'
                  then 1 else 0 end)
           over (partition by user_key order by played_at, started_at, content_type
                 rows unbounded preceding) as session_number
  from ordered
)
select user_key, spotify_user_id, session_number,
       min(started_at) as started_at, max(played_at) as ended_at,
       (min(started_at) at time zone time_zone)::date as local_date,
       round(extract(epoch from max(played_at) - min(started_at)) / 60.0, 2) as duration_minutes,
       count(*) as plays,
       ${LISTENING_COLUMNS}
from numbered
group by user_key, spotify_user_id, time_zone, session_number;
comment on view marts.sessions is
  'Per user, listening sessions numbered from 1: a play that starts more than 10 minutes after the previous play ended starts a new session (a play starts ms_played before it ended).';

create view marts.streaks as
with days as (
  select distinct user_key, spotify_user_id, time_zone, local_date
  from marts.all_plays
  where is_stream
),
islands as (
  select *, local_date - (row_number() over (partition by user_key order by local_date))::integer
            as island
  from days
)
select user_key, spotify_user_id,
       min(local_date) as started_on, max(local_date) as ended_on, count(*) as days,
       -- still alive if the user listened today or yesterday (today is not over)
       max(local_date) >= (now() at time zone time_zone)::date - 1 as is_current,
       rank() over (partition by user_key order by count(*) desc) = 1 as is_longest
from islands
group by user_key, spotify_user_id, time_zone, island;
comment on view marts.streaks is
  'Per user, runs of consecutive local days with at least one stream (music or podcast, 30 s or more).';

create view marts.podcasts as
select user_key, spotify_user_id, coalesce(show_name, '(unknown show)') as show_name,
       count(*) as plays, count(*) filter (where is_stream) as streams,
       count(distinct episode_key) as episodes,
       sum(ms_played) as ms_played, ${minutes('sum(ms_played)')} as minutes_played,
       min(played_at) as first_played_at, max(played_at) as last_played_at
from marts.podcast_plays
group by user_key, spotify_user_id, coalesce(show_name, '(unknown show)');
comment on view marts.podcasts is
  'Per user and podcast show: plays, episodes and minutes, counted apart from music.';
`;

const PREFERENCE_VIEWS = `
create view marts.user_music_preferences as
with liked as (
  select s.user_key, b.artist_key, count(distinct s.track_key) as liked_tracks,
         min(s.added_at) as first_liked_at, max(s.added_at) as last_liked_at
  from warehouse.fct_saved_track s
  join warehouse.bridge_track_artist b on b.track_key = s.track_key
  group by s.user_key, b.artist_key
),
played as (
  select p.user_key, b.artist_key, count(*) as plays,
         count(*) filter (where p.is_stream) as streams, sum(p.ms_played) as ms_played
  from marts.music_plays p
  join warehouse.bridge_track_artist b on b.track_key = p.track_key
  group by p.user_key, b.artist_key
),
followed as (
  -- the artists followed in each user's latest snapshot
  select f.user_key, f.artist_key
  from warehouse.fct_followed_artist f
  where f.snapshot_date_key = (select max(l.snapshot_date_key)
                               from warehouse.fct_followed_artist l
                               where l.user_key = f.user_key)
),
genres as (
  select bg.artist_key, array_agg(g.genre_name order by g.genre_name) as genres
  from warehouse.bridge_artist_genre bg
  join warehouse.dim_genre g on g.genre_key = bg.genre_key
  group by bg.artist_key
),
preferences as (
  select user_key, artist_key, l.liked_tracks, l.first_liked_at, l.last_liked_at,
         p.plays, p.streams, p.ms_played, fo.artist_key is not null as is_followed
  from liked l
  full join played p using (user_key, artist_key)
  full join followed fo using (user_key, artist_key)
)
select pr.user_key, u.spotify_user_id, pr.artist_key, a.spotify_artist_id, a.artist_name,
       row_number() over (partition by pr.user_key
                          order by coalesce(pr.streams, 0) desc, coalesce(pr.liked_tracks, 0) desc,
                                   pr.is_followed desc, coalesce(pr.ms_played, 0) desc,
                                   a.artist_name, pr.artist_key
       ) as preference_rank,
       coalesce(pr.liked_tracks, 0) as liked_tracks, pr.first_liked_at, pr.last_liked_at,
       coalesce(pr.plays, 0) as plays, coalesce(pr.streams, 0) as streams,
       coalesce(pr.ms_played, 0) as ms_played, ${minutes('coalesce(pr.ms_played, 0)')} as minutes_played,
       pr.is_followed, g.genres, a.popularity as artist_popularity, a.followers as artist_followers
from preferences pr
join warehouse.dim_user u on u.user_key = pr.user_key
join warehouse.dim_artist a on a.artist_key = pr.artist_key
left join genres g on g.artist_key = pr.artist_key;
comment on view marts.user_music_preferences is
  'Per user and artist the user liked, played or follows: liked tracks, plays, streams, minutes, followed now, genres (null when the API gives none), ranked by streams then likes.';

create view marts.recent_plays_analysis as
with recent as (
  select * from marts.music_plays where played_at >= now() - interval '28 days'
),
recent_artists as (
  select r.user_key, count(distinct b.artist_key) as unique_artists
  from recent r
  join warehouse.bridge_track_artist b on b.track_key = r.track_key
  group by r.user_key
)
select r.user_key, r.spotify_user_id,
       count(*) as plays, count(*) filter (where r.is_stream) as streams,
       sum(r.ms_played) as ms_played, ${minutes('sum(r.ms_played)')} as minutes_played,
       round(sum(r.ms_played) / 3600000.0, 2) as hours_played,
       ${minutes('avg(r.track_duration_ms)')} as avg_track_minutes,
       count(distinct r.recording_id) as unique_tracks,
       count(distinct r.album_key) as unique_albums,
       coalesce(ra.unique_artists, 0) as unique_artists,
       -- null since Spotify stopped giving popularity (2026), unless an extended app fills it
       round(avg(r.track_popularity), 1) as avg_track_popularity,
       round(100.0 * count(*) filter (where r.skipped) / nullif(count(r.skipped), 0), 1)
         as skipped_percent,
       min(r.played_at) as first_played_at, max(r.played_at) as last_played_at
from recent r
left join recent_artists ra on ra.user_key = r.user_key
group by r.user_key, r.spotify_user_id, ra.unique_artists;
comment on view marts.recent_plays_analysis is
  'Per user, music in the last 28 days (from now()): plays, streams, minutes and hours, average track length, distinct tracks (recordings), albums and artists, skip share.';
`;

export async function up(db: Knex): Promise<void> {
  await db.raw(BASE_VIEWS);
  await db.raw(LISTENING_VIEWS);
  await db.raw(TOP_VIEWS);
  await db.raw(SESSION_AND_STREAK_VIEWS);
  await db.raw(PREFERENCE_VIEWS);
}

const VIEWS_IN_DROP_ORDER = [
  'recent_plays_analysis',
  'user_music_preferences',
  'podcasts',
  'streaks',
  'sessions',
  'top_artists_by_period',
  'top_tracks_by_period',
  'listening_clock',
  'listening_monthly',
  'listening_daily',
  'all_plays',
  'podcast_plays',
  'music_plays',
];

export async function down(db: Knex): Promise<void> {
  for (const view of VIEWS_IN_DROP_ORDER) await db.raw(`drop view if exists marts.${view}`);
}
