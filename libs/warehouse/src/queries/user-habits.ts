import type { Knex } from 'knex';
import { minutesOf, toPage, type Page, type PageRequest } from './page.ts';
import { PLAYS_IN_PERIOD, TRACK_TOTALS, periodBindings, type UserPeriod } from './period.ts';

/*
 * When and how a listener listens: the clock, months, sessions, streaks, discoveries,
 * podcasts and genres. Local days and hours are in the period's time zone (the request's
 * tz, else the user's); the marts' rules hold (incognito out, stream >= 30 s).
 */

export interface ClockCell {
  /** ISO weekday: 1 = Monday ... 7 = Sunday */
  weekday: number;
  hour: number;
  plays: number;
  streams: number;
  minutes: number;
}

/** All 168 (weekday, hour) cells, empty ones as zeros, so a heatmap needs no filling. */
export async function userListeningClock(db: Knex, period: UserPeriod): Promise<ClockCell[]> {
  const result = await db.raw<{ rows: Record<string, string>[] }>(
    `with cells as (
       select extract(isodow from p.played_at at time zone :timeZone)::int as weekday,
              extract(hour from p.played_at at time zone :timeZone)::int as hour,
              count(*) as plays, count(*) filter (where p.is_stream) as streams,
              sum(p.ms_played) as ms_played
       from warehouse.fct_play p
       where ${PLAYS_IN_PERIOD} and not p.incognito
       group by 1, 2
     )
     select d as weekday, h as hour, coalesce(c.plays, 0) as plays,
            coalesce(c.streams, 0) as streams, coalesce(c.ms_played, 0) as ms_played
     from generate_series(1, 7) d cross join generate_series(0, 23) h
     left join cells c on c.weekday = d and c.hour = h
     order by d, h`,
    periodBindings(period),
  );
  return result.rows.map((r) => ({
    weekday: Number(r.weekday),
    hour: Number(r.hour),
    plays: Number(r.plays),
    streams: Number(r.streams),
    minutes: minutesOf(r.ms_played),
  }));
}

export interface MonthTotals {
  /** YYYY-MM, local */
  month: string;
  plays: number;
  streams: number;
  minutes: number;
  distinctTracks: number;
  podcastMinutes: number;
}

/** Month by month (local months with any listening), oldest first. */
export async function userMonthlyEvolution(db: Knex, period: UserPeriod): Promise<MonthTotals[]> {
  const result = await db.raw<{ rows: Record<string, string>[] }>(
    `with music as (
       select to_char(p.played_at at time zone :timeZone, 'YYYY-MM') as month,
              count(*) as plays, count(*) filter (where p.is_stream) as streams,
              sum(p.ms_played) as ms_played, count(distinct t.recording_id) as tracks
       from warehouse.fct_play p join warehouse.dim_track t on t.track_key = p.track_key
       where ${PLAYS_IN_PERIOD} and not p.incognito
       group by 1
     ),
     podcasts as (
       select to_char(p.played_at at time zone :timeZone, 'YYYY-MM') as month,
              sum(p.ms_played) as ms_played
       from warehouse.fct_episode_play p
       where ${PLAYS_IN_PERIOD} and not p.incognito
       group by 1
     )
     select month, coalesce(m.plays, 0) as plays, coalesce(m.streams, 0) as streams,
            coalesce(m.ms_played, 0) as ms_played, coalesce(m.tracks, 0) as tracks,
            coalesce(pc.ms_played, 0) as podcast_ms
     from music m full join podcasts pc using (month)
     order by month`,
    periodBindings(period),
  );
  return result.rows.map((r) => ({
    month: r.month!,
    plays: Number(r.plays),
    streams: Number(r.streams),
    minutes: minutesOf(r.ms_played),
    distinctTracks: Number(r.tracks),
    podcastMinutes: minutesOf(r.podcast_ms),
  }));
}

export interface Session {
  startedAt: Date;
  endedAt: Date;
  durationMinutes: number;
  plays: number;
  musicMinutes: number;
  podcastMinutes: number;
}

export interface SessionSummary {
  sessions: number;
  averageMinutes: number;
  longest: Session | null;
}

/*
 * The user's sessions among the plays of the period, cut as marts.sessions cuts them (a
 * play starting more than 10 minutes after the latest end of the earlier ones starts a
 * new session; music and podcasts together, incognito out), but over the period's plays
 * only and straight from the facts: the view numbers every play of every user, which
 * for a heavy listener's 200,000 plays took seconds. For range=all the sessions are the
 * view's; a session running across the start of a range begins at the range's first play.
 */
const SESSIONS_IN_PERIOD = `from (
  with plays as (
    select p.played_at, p.played_at - p.ms_played * interval '1 millisecond' as started_at,
           p.ms_played, 'music' as content_type
    from warehouse.fct_play p where ${PLAYS_IN_PERIOD} and not p.incognito
    union all
    select p.played_at, p.played_at - p.ms_played * interval '1 millisecond', p.ms_played, 'podcast'
    from warehouse.fct_episode_play p where ${PLAYS_IN_PERIOD} and not p.incognito
  ),
  ordered as (
    select *, max(played_at) over (order by played_at, started_at, content_type
                                   rows between unbounded preceding and 1 preceding) as previous_end
    from plays
  ),
  numbered as (
    select *, sum(case when previous_end is null or started_at - previous_end > interval '10 minutes'
                       then 1 else 0 end)
                over (order by played_at, started_at, content_type rows unbounded preceding) as session_number
    from ordered
  )
  select session_number, min(started_at) as started_at, max(played_at) as ended_at,
         round(extract(epoch from max(played_at) - min(started_at)) / 60.0, 2) as duration_minutes,
         count(*) as plays,
         round(coalesce(sum(ms_played) filter (where content_type = 'music'), 0) / 60000.0, 2) as music_minutes,
         round(coalesce(sum(ms_played) filter (where content_type = 'podcast'), 0) / 60000.0, 2) as podcast_minutes
  from numbered group by session_number
) s`;

const toSession = (r: Record<string, string>): Session => ({
  startedAt: r.started_at as unknown as Date,
  endedAt: r.ended_at as unknown as Date,
  durationMinutes: Number(r.duration_minutes),
  plays: Number(r.plays),
  musicMinutes: Number(r.music_minutes),
  podcastMinutes: Number(r.podcast_minutes),
});

/**
 * Listening sessions as marts.sessions cuts them (a gap of more than 10 minutes starts a
 * new one) that started in the period: a summary and a page, latest first.
 */
export async function userSessions(
  db: Knex,
  period: UserPeriod,
  page: PageRequest,
): Promise<Page<Session> & SessionSummary> {
  const bindings = { ...periodBindings(period), ...page };
  const [summary, rows] = await Promise.all([
    db.raw<{ rows: Record<string, string>[] }>(
      `select count(*) as sessions, coalesce(round(avg(s.duration_minutes), 2), 0) as average
       ${SESSIONS_IN_PERIOD}`,
      bindings,
    ),
    // every session of the period (a few thousand at most) for the longest and the page
    db.raw<{ rows: (Record<string, string> & { is_longest: boolean })[] }>(
      `select s.*,
              rank() over (order by s.duration_minutes desc, s.started_at) = 1 as is_longest
       ${SESSIONS_IN_PERIOD}
       order by s.started_at desc`,
      bindings,
    ),
  ]);
  const all = rows.rows;
  const longest = all.find((r) => r.is_longest);
  return {
    sessions: Number(summary.rows[0]!.sessions),
    averageMinutes: Number(summary.rows[0]!.average),
    longest: longest ? toSession(longest) : null,
    items: all.slice(page.offset, page.offset + page.limit).map(toSession),
    total: all.length,
    limit: page.limit,
    offset: page.offset,
  };
}

export interface Streak {
  startedOn: string;
  endedOn: string;
  days: number;
  isCurrent: boolean;
}

const dateText = (d: unknown) =>
  d instanceof Date
    ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    : String(d);

/**
 * Runs of consecutive local days with at least one stream (marts.streaks, in the user's
 * own zone), longest first; `current` is the one still alive today or yesterday.
 */
export async function userStreaks(
  db: Knex,
  userKey: string,
  page: PageRequest,
): Promise<Page<Streak> & { longest: Streak | null; current: Streak | null }> {
  const result = await db.raw<{ rows: Record<string, unknown>[] }>(
    `select to_char(started_on, 'YYYY-MM-DD') as started_on,
            to_char(ended_on, 'YYYY-MM-DD') as ended_on, days, is_current,
            count(*) over () as total
     from marts.streaks where user_key = :userKey
     order by days desc, ended_on desc`,
    { userKey },
  );
  const toStreak = (r: Record<string, unknown>): Streak => ({
    startedOn: dateText(r.started_on),
    endedOn: dateText(r.ended_on),
    days: Number(r.days),
    isCurrent: Boolean(r.is_current),
  });
  const rows = result.rows;
  const current = rows.find((r) => r.is_current);
  return {
    longest: rows[0] ? toStreak(rows[0]) : null,
    current: current ? toStreak(current) : null,
    items: rows.slice(page.offset, page.offset + page.limit).map(toStreak),
    total: rows.length,
    limit: page.limit,
    offset: page.offset,
  };
}

export interface Discovery {
  spotifyTrackId: string;
  trackName: string;
  artistNames: string | null;
  firstPlayedAt: Date;
  /** plays in the period, the first one included */
  plays: number;
}

/**
 * First listens: recordings (and artists) the user played for the very first time in the
 * period, newest first. "First" looks at all of the user's history, not only the period.
 */
export async function userDiscoveries(
  db: Knex,
  period: UserPeriod,
  page: PageRequest,
): Promise<Page<Discovery> & { newTracks: number; newArtists: number }> {
  const bindings = { ...periodBindings(period), ...page };
  const result = await db.raw<{ rows: (Record<string, string> & { total: string })[] }>(
    `with firsts as (
       select t.recording_id, min(f.played_at) as first_played_at
       from warehouse.fct_play f join warehouse.dim_track t on t.track_key = f.track_key
       where f.user_key = :userKey and not f.incognito
       group by t.recording_id
     ),
     new_ones as (
       select * from firsts
       where first_played_at >= coalesce(cast(:fromTs as timestamptz), '-infinity')
         and first_played_at < coalesce(cast(:toTs as timestamptz), 'infinity')
     ),
     ${TRACK_TOTALS},
     shown as (
       select n.recording_id, n.first_played_at,
              (array_agg(tt.track_key order by tt.plays desc, tt.track_key))[1] as track_key,
              sum(tt.plays) as plays
       from new_ones n
       join warehouse.dim_track t on t.recording_id = n.recording_id
       join track_totals tt on tt.track_key = t.track_key
       group by n.recording_id, n.first_played_at
     )
     select t.spotify_track_id, t.track_name, s.first_played_at, s.plays,
            count(*) over () as total,
            (select string_agg(a.artist_name, ', ' order by b.artist_position, a.artist_name)
             from warehouse.bridge_track_artist b
             join warehouse.dim_artist a on a.artist_key = b.artist_key
             where b.track_key = s.track_key) as artist_names
     from shown s join warehouse.dim_track t on t.track_key = s.track_key
     order by s.first_played_at desc, t.track_name
     limit cast(:limit as integer) offset cast(:offset as integer)`,
    bindings,
  );
  const artists = await db.raw<{ rows: { n: string }[] }>(
    `with firsts as (
       select b.artist_key, min(f.played_at) as first_played_at
       from warehouse.fct_play f
       join warehouse.bridge_track_artist b on b.track_key = f.track_key
       where f.user_key = :userKey and not f.incognito
       group by b.artist_key
     )
     select count(*) as n from firsts
     where first_played_at >= coalesce(cast(:fromTs as timestamptz), '-infinity')
       and first_played_at < coalesce(cast(:toTs as timestamptz), 'infinity')`,
    bindings,
  );
  const pageOf = toPage(result.rows, page, (r) => ({
    spotifyTrackId: r.spotify_track_id!,
    trackName: r.track_name!,
    artistNames: r.artist_names ?? null,
    firstPlayedAt: r.first_played_at as unknown as Date,
    plays: Number(r.plays),
  }));
  return { newTracks: pageOf.total, newArtists: Number(artists.rows[0]!.n), ...pageOf };
}

export interface PodcastShow {
  showName: string;
  plays: number;
  episodes: number;
  minutes: number;
  lastPlayedAt: Date;
}

/** Podcast shows in the period, most listened (minutes) first; apart from music. */
export async function userPodcasts(
  db: Knex,
  period: UserPeriod,
  page: PageRequest,
): Promise<Page<PodcastShow>> {
  const result = await db.raw<{ rows: (Record<string, string> & { total: string })[] }>(
    `select coalesce(p.show_name, '(unknown show)') as show_name, count(*) as plays,
            count(distinct p.episode_key) as episodes, sum(p.ms_played) as ms_played,
            max(p.played_at) as last_played_at, count(*) over () as total
     from marts.podcast_plays p where ${PLAYS_IN_PERIOD}
     group by 1
     order by sum(p.ms_played) desc, 1
     limit cast(:limit as integer) offset cast(:offset as integer)`,
    { ...periodBindings(period), ...page },
  );
  return toPage(result.rows, page, (r) => ({
    showName: r.show_name!,
    plays: Number(r.plays),
    episodes: Number(r.episodes),
    minutes: minutesOf(r.ms_played),
    lastPlayedAt: r.last_played_at as unknown as Date,
  }));
}

export interface GenreShare {
  genre: string;
  streams: number;
  /** streams of the genre's artists over streams of artists that have any genre, 0-1 */
  share: number;
}

/**
 * Genres, where the data has them (Spotify gives artists' genres only to apps with the
 * extended profile; an import does not carry them): each stream credits every genre of
 * each of its artists. `available` is false when no artist played in the period has one.
 */
export async function userGenres(
  db: Knex,
  period: UserPeriod,
  page: PageRequest,
): Promise<Page<GenreShare> & { available: boolean }> {
  const result = await db.raw<{ rows: (Record<string, string> & { total: string })[] }>(
    `with ${TRACK_TOTALS},
     artist_streams as (
       select b.artist_key, sum(tt.streams) as streams
       from track_totals tt join warehouse.bridge_track_artist b on b.track_key = tt.track_key
       group by b.artist_key
     ),
     genre_streams as (
       select g.genre_name, sum(a.streams) as streams
       from artist_streams a
       join warehouse.bridge_artist_genre bg on bg.artist_key = a.artist_key
       join warehouse.dim_genre g on g.genre_key = bg.genre_key
       group by g.genre_name
     ),
     base as (
       select nullif(sum(a.streams), 0) as streams from artist_streams a
       where exists (select from warehouse.bridge_artist_genre bg where bg.artist_key = a.artist_key)
     )
     select g.genre_name, g.streams, round(g.streams / base.streams, 4) as share,
            count(*) over () as total
     from genre_streams g, base
     order by g.streams desc, g.genre_name
     limit cast(:limit as integer) offset cast(:offset as integer)`,
    { ...periodBindings(period), ...page },
  );
  const genres = toPage(result.rows, page, (r) => ({
    genre: r.genre_name!,
    streams: Number(r.streams),
    share: Number(r.share ?? 0),
  }));
  return { available: genres.total > 0, ...genres };
}
