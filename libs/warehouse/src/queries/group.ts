import type { Knex } from 'knex';
import { minutesOf, toPage, type Page, type PageRequest } from './page.ts';
import type { ZonedPeriod } from './period.ts';

/*
 * The friend group: up to five listeners compared over one period. Members are given by
 * Spotify user id (the API passes the connected accounts); members not in the warehouse
 * yet are simply absent from the answers. The marts' rules hold (incognito out, a stream
 * is >= 30 s, one ISRC is one recording, a track credits each of its artists).
 */

export const MAX_GROUP_SIZE = 5;

const groupBindings = (members: string[], period: ZonedPeriod) => ({
  members,
  fromTs: period.fromTs,
  toTs: period.toTs,
});

/** CTE `member_tracks`: per member and track in the period, plays, streams and ms. */
const MEMBER_TRACKS = `members as (
  select user_key, spotify_user_id, display_name from warehouse.dim_user
  where spotify_user_id = any(cast(:members as text[]))
),
member_tracks as (
  select f.user_key, f.track_key, count(*) as plays,
         count(*) filter (where f.is_stream) as streams, sum(f.ms_played) as ms_played
  from warehouse.fct_play f
  where f.user_key in (select user_key from members) and not f.incognito
    and f.played_at >= coalesce(cast(:fromTs as timestamptz), '-infinity')
    and f.played_at < coalesce(cast(:toTs as timestamptz), 'infinity')
  group by f.user_key, f.track_key
)`;

export interface MemberTotals {
  rank: number;
  spotifyUserId: string;
  displayName: string | null;
  minutes: number;
  plays: number;
  streams: number;
  distinctTracks: number;
  distinctArtists: number;
}

/** Who listened most: the members ranked by minutes, then streams. */
export async function groupLeaderboard(
  db: Knex,
  members: string[],
  period: ZonedPeriod,
): Promise<MemberTotals[]> {
  const result = await db.raw<{ rows: Record<string, string>[] }>(
    `with ${MEMBER_TRACKS},
     totals as (
       select m.user_key, coalesce(sum(mt.plays), 0) as plays,
              coalesce(sum(mt.streams), 0) as streams, coalesce(sum(mt.ms_played), 0) as ms_played,
              count(distinct t.recording_id) as tracks
       from members m
       left join member_tracks mt on mt.user_key = m.user_key
       left join warehouse.dim_track t on t.track_key = mt.track_key
       group by m.user_key
     ),
     artists as (
       select mt.user_key, count(distinct b.artist_key) as artists
       from member_tracks mt join warehouse.bridge_track_artist b on b.track_key = mt.track_key
       group by mt.user_key
     )
     select m.spotify_user_id, m.display_name, t.plays, t.streams, t.ms_played, t.tracks,
            coalesce(a.artists, 0) as artists,
            row_number() over (order by t.ms_played desc, t.streams desc, m.spotify_user_id) as rank
     from members m join totals t using (user_key) left join artists a using (user_key)
     order by rank`,
    groupBindings(members, period),
  );
  return result.rows.map((r) => ({
    rank: Number(r.rank),
    spotifyUserId: r.spotify_user_id!,
    displayName: r.display_name ?? null,
    minutes: minutesOf(r.ms_played),
    plays: Number(r.plays),
    streams: Number(r.streams),
    distinctTracks: Number(r.tracks),
    distinctArtists: Number(r.artists),
  }));
}

export interface MemberStreams {
  spotifyUserId: string;
  streams: number;
}

export interface SharedItem {
  rank: number;
  /** Spotify artist id, or for tracks the shown (most played) track id */
  spotifyId: string;
  name: string;
  artistNames: string | null;
  /** how many members streamed it */
  listeners: number;
  streams: number;
  byMember: MemberStreams[];
}

/** The artists (or recordings) that at least two members streamed, most shared first. */
export async function groupShared(
  db: Knex,
  kind: 'artists' | 'tracks',
  members: string[],
  period: ZonedPeriod,
  page: PageRequest,
): Promise<Page<SharedItem>> {
  const perItem =
    kind === 'artists'
      ? `per_member as (
           select mt.user_key, b.artist_key as item_key, sum(mt.streams) as streams,
                  b.artist_key as shown_key
           from member_tracks mt join warehouse.bridge_track_artist b on b.track_key = mt.track_key
           group by mt.user_key, b.artist_key
         )`
      : `per_member as (
           select mt.user_key, t.recording_id as item_key, sum(mt.streams) as streams,
                  (array_agg(mt.track_key order by mt.streams desc, mt.track_key))[1] as shown_key
           from member_tracks mt join warehouse.dim_track t on t.track_key = mt.track_key
           group by mt.user_key, t.recording_id
         )`;
  const describe =
    kind === 'artists'
      ? `(select spotify_artist_id from warehouse.dim_artist where artist_key = s.shown_key) as spotify_id,
         (select artist_name from warehouse.dim_artist where artist_key = s.shown_key) as name,
         null as artist_names`
      : `(select spotify_track_id from warehouse.dim_track where track_key = s.shown_key) as spotify_id,
         (select track_name from warehouse.dim_track where track_key = s.shown_key) as name,
         (select string_agg(a.artist_name, ', ' order by b.artist_position, a.artist_name)
          from warehouse.bridge_track_artist b join warehouse.dim_artist a on a.artist_key = b.artist_key
          where b.track_key = s.shown_key) as artist_names`;
  const result = await db.raw<{ rows: (Record<string, unknown> & { total: string })[] }>(
    `with ${MEMBER_TRACKS}, ${perItem},
     shared as (
       select item_key, (array_agg(shown_key order by streams desc))[1] as shown_key,
              count(*) as listeners, sum(streams) as streams,
              json_agg(json_build_object('spotifyUserId', m.spotify_user_id, 'streams', streams)
                       order by streams desc, m.spotify_user_id) as by_member
       from per_member pm join members m using (user_key)
       where streams > 0
       group by item_key
       having count(*) >= 2
     ),
     ranked as (
       select s.*, ${describe},
              count(*) over () as total
       from shared s
     )
     select *, row_number() over (order by listeners desc, streams desc, name, spotify_id) as rank
     from ranked
     order by rank
     limit cast(:limit as integer) offset cast(:offset as integer)`,
    { ...groupBindings(members, period), ...page },
  );
  return toPage(result.rows, page, (r) => ({
    rank: Number(r.rank),
    spotifyId: String(r.spotify_id),
    name: String(r.name),
    artistNames: (r.artist_names as string | null) ?? null,
    listeners: Number(r.listeners),
    streams: Number(r.streams),
    byMember: (r.by_member as { spotifyUserId: string; streams: number }[]).map((m) => ({
      spotifyUserId: m.spotifyUserId,
      streams: Number(m.streams),
    })),
  }));
}

export interface PairCompatibility {
  a: string;
  b: string;
  /** weighted Jaccard of the two artist stream shares, 0-1 (see the API docs) */
  score: number;
  sharedArtists: number;
  /** the artists contributing most to the score (largest min share) */
  topSharedArtists: string[];
}

/**
 * Pairwise compatibility: for members a and b with artist shares s_a(x) = streams_a(x) /
 * all streams_a (a featured artist gets the stream too), score = Σ min(s_a, s_b) /
 * Σ max(s_a, s_b) over all artists: the weighted Jaccard (Ruzicka) similarity, 1 for the
 * same mix in the same proportions, 0 for nothing in common. A member without streams
 * in the period scores 0 with everyone.
 */
export async function groupCompatibility(
  db: Knex,
  members: string[],
  period: ZonedPeriod,
): Promise<PairCompatibility[]> {
  const result = await db.raw<{ rows: Record<string, unknown>[] }>(
    `with ${MEMBER_TRACKS},
     artist_streams as (
       select mt.user_key, b.artist_key, sum(mt.streams) as streams
       from member_tracks mt join warehouse.bridge_track_artist b on b.track_key = mt.track_key
       group by mt.user_key, b.artist_key
       having sum(mt.streams) > 0
     ),
     shares as (
       select user_key, artist_key, streams::numeric / sum(streams) over (partition by user_key) as share
       from artist_streams
     ),
     pairs as (
       select a.user_key as a_key, b.user_key as b_key, a.spotify_user_id as a_id, b.spotify_user_id as b_id
       from members a join members b on a.spotify_user_id < b.spotify_user_id
     ),
     compared as (
       select p.a_key, p.b_key, x.artist_key,
              coalesce(sa.share, 0) as sa, coalesce(sb.share, 0) as sb
       from pairs p
       cross join lateral (
         select artist_key from shares where user_key = p.a_key
         union
         select artist_key from shares where user_key = p.b_key
       ) x
       left join shares sa on sa.user_key = p.a_key and sa.artist_key = x.artist_key
       left join shares sb on sb.user_key = p.b_key and sb.artist_key = x.artist_key
     ),
     scored as (
       select a_key, b_key,
              coalesce(sum(least(sa, sb)) / nullif(sum(greatest(sa, sb)), 0), 0) as score,
              count(*) filter (where sa > 0 and sb > 0) as shared_artists,
              (array_agg(artist_key order by least(sa, sb) desc, artist_key)
                 filter (where sa > 0 and sb > 0))[1:3] as top_keys
       from compared group by a_key, b_key
     )
     select p.a_id, p.b_id, round(coalesce(s.score, 0), 4) as score,
            coalesce(s.shared_artists, 0) as shared_artists,
            coalesce((select array_agg(a.artist_name order by array_position(s.top_keys, a.artist_key))
                      from warehouse.dim_artist a where a.artist_key = any(s.top_keys)), '{}') as top_names
     from pairs p left join scored s on s.a_key = p.a_key and s.b_key = p.b_key
     order by score desc, p.a_id, p.b_id`,
    groupBindings(members, period),
  );
  return result.rows.map((r) => ({
    a: String(r.a_id),
    b: String(r.b_id),
    score: Number(r.score),
    sharedArtists: Number(r.shared_artists),
    topSharedArtists: r.top_names as string[],
  }));
}

export interface GroupTopItem {
  rank: number;
  spotifyId: string;
  name: string;
  artistNames: string | null;
  streams: number;
  minutes: number;
  listeners: number;
}

/** The group's top artists or tracks: everyone's streams added up, then minutes. */
export async function groupTop(
  db: Knex,
  kind: 'artists' | 'tracks',
  members: string[],
  period: ZonedPeriod,
  page: PageRequest,
): Promise<Page<GroupTopItem>> {
  const perItem =
    kind === 'artists'
      ? `items as (
           select b.artist_key as item_key, b.artist_key as shown_key, sum(mt.streams) as streams,
                  sum(mt.ms_played) as ms_played, count(distinct mt.user_key) as listeners
           from member_tracks mt join warehouse.bridge_track_artist b on b.track_key = mt.track_key
           group by b.artist_key
         ),
         described as (
           select i.*, a.spotify_artist_id as spotify_id, a.artist_name as name, null as artist_names
           from items i join warehouse.dim_artist a on a.artist_key = i.shown_key
         )`
      : `items as (
           select t.recording_id as item_key,
                  (array_agg(mt.track_key order by mt.plays desc, mt.track_key))[1] as shown_key,
                  sum(mt.streams) as streams, sum(mt.ms_played) as ms_played,
                  count(distinct mt.user_key) as listeners
           from member_tracks mt join warehouse.dim_track t on t.track_key = mt.track_key
           group by t.recording_id
         ),
         described as (
           select i.*, t.spotify_track_id as spotify_id, t.track_name as name,
                  (select string_agg(a.artist_name, ', ' order by b.artist_position, a.artist_name)
                   from warehouse.bridge_track_artist b join warehouse.dim_artist a on a.artist_key = b.artist_key
                   where b.track_key = i.shown_key) as artist_names
           from items i join warehouse.dim_track t on t.track_key = i.shown_key
         )`;
  const result = await db.raw<{ rows: (Record<string, unknown> & { total: string })[] }>(
    `with ${MEMBER_TRACKS}, ${perItem},
     ranked as (
       select d.*, row_number() over (order by streams desc, ms_played desc, name, spotify_id) as rank,
              count(*) over () as total
       from described d
     )
     select * from ranked
     where rank > cast(:offset as integer) and rank <= cast(:offset as integer) + cast(:limit as integer)
     order by rank`,
    { ...groupBindings(members, period), ...page },
  );
  return toPage(result.rows, page, (r) => ({
    rank: Number(r.rank),
    spotifyId: String(r.spotify_id),
    name: String(r.name),
    artistNames: (r.artist_names as string | null) ?? null,
    streams: Number(r.streams),
    minutes: minutesOf(r.ms_played as string),
    listeners: Number(r.listeners),
  }));
}

export interface Recommendation {
  rank: number;
  spotifyTrackId: string;
  trackName: string;
  artistNames: string | null;
  /** how many friends streamed it in the period */
  friends: number;
  friendStreams: number;
  /** the friends who streamed it, most streams first */
  because: string[];
}

/**
 * Tracks the friends play often that `userId` has never played (no play of the recording
 * under any track id, ever, incognito included): ranked by how many friends streamed it,
 * then their streams. Spotify's own recommendations are gone for new apps (2024); these
 * are computed from the group's listening only.
 */
export async function groupRecommendations(
  db: Knex,
  userId: string,
  members: string[],
  period: ZonedPeriod,
  page: PageRequest,
): Promise<Page<Recommendation>> {
  const friends = members.filter((m) => m !== userId);
  const result = await db.raw<{ rows: (Record<string, unknown> & { total: string })[] }>(
    `with ${MEMBER_TRACKS},
     heard as (
       select distinct t.recording_id
       from warehouse.fct_play f
       join warehouse.dim_track t on t.track_key = f.track_key
       join warehouse.dim_user u on u.user_key = f.user_key
       where u.spotify_user_id = :userId
     ),
     candidates as (
       select t.recording_id, m.spotify_user_id, sum(mt.streams) as streams,
              (array_agg(mt.track_key order by mt.streams desc, mt.track_key))[1] as track_key
       from member_tracks mt
       join members m on m.user_key = mt.user_key
       join warehouse.dim_track t on t.track_key = mt.track_key
       where t.recording_id not in (select recording_id from heard)
       group by t.recording_id, m.spotify_user_id
       having sum(mt.streams) > 0
     ),
     scored as (
       select recording_id, count(*) as friends, sum(streams) as friend_streams,
              (array_agg(track_key order by streams desc, track_key))[1] as track_key,
              array_agg(spotify_user_id order by streams desc, spotify_user_id) as because
       from candidates group by recording_id
     ),
     ranked as (
       select s.*, t.spotify_track_id, t.track_name,
              row_number() over (order by s.friends desc, s.friend_streams desc, t.track_name, s.recording_id) as rank,
              count(*) over () as total
       from scored s join warehouse.dim_track t on t.track_key = s.track_key
     )
     select r.*,
            (select string_agg(a.artist_name, ', ' order by b.artist_position, a.artist_name)
             from warehouse.bridge_track_artist b join warehouse.dim_artist a on a.artist_key = b.artist_key
             where b.track_key = r.track_key) as artist_names
     from ranked r
     where rank > cast(:offset as integer) and rank <= cast(:offset as integer) + cast(:limit as integer)
     order by rank`,
    { ...groupBindings(friends, period), userId, ...page },
  );
  return toPage(result.rows, page, (r) => ({
    rank: Number(r.rank),
    spotifyTrackId: String(r.spotify_track_id),
    trackName: String(r.track_name),
    artistNames: (r.artist_names as string | null) ?? null,
    friends: Number(r.friends),
    friendStreams: Number(r.friend_streams),
    because: r.because as string[],
  }));
}
