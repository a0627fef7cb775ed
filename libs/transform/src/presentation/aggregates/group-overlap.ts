import { ALL_PLAYS, MUSIC_PLAYS, TRACK_CREDITS } from '../base-relations.ts';
import type { PresentationAggregate } from '../presentation-aggregate.ts';
import { withRelations } from '../relations.ts';
import { integerCount } from '../sql-expressions.ts';

// The friend group is everyone in the data (the processed users and whoever played
// something). Tracks are recordings (ISRC), artists every credited one, as in the tops;
// the whole history counts.
export const groupOverlap: PresentationAggregate = {
  name: 'group_overlap',
  description:
    "Per pair of users (user_a < user_b, every pair of the group): artists and tracks both have played (a track's id variants with one ISRC count as one), the artists either played, and the Jaccard index of their artist sets (shared / either, 4 decimals; null when neither played any); incognito plays excluded.",
  sql: ({ shared }) => `
${withRelations([ALL_PLAYS, MUSIC_PLAYS, TRACK_CREDITS], shared)},
friends AS (
  SELECT user_id FROM users UNION SELECT user_id FROM all_plays
),
user_artists AS (
  SELECT DISTINCT p.user_id, c.artist_id
  FROM music_plays p JOIN track_credits c ON c.track_id = p.track_id
),
user_recordings AS (
  SELECT DISTINCT user_id, recording_id FROM music_plays
),
artist_counts AS (
  SELECT user_id, count(*) AS artists FROM user_artists GROUP BY user_id
),
artist_matches AS (
  SELECT x.user_id AS user_a, y.user_id AS user_b, count(*) AS shared
  FROM user_artists x JOIN user_artists y ON y.artist_id = x.artist_id AND x.user_id < y.user_id
  GROUP BY x.user_id, y.user_id
),
track_matches AS (
  SELECT x.user_id AS user_a, y.user_id AS user_b, count(*) AS shared
  FROM user_recordings x
  JOIN user_recordings y ON y.recording_id = x.recording_id AND x.user_id < y.user_id
  GROUP BY x.user_id, y.user_id
),
pairs AS (
  SELECT a.user_id AS user_a, b.user_id AS user_b,
         coalesce(sa.shared, 0) AS shared_artists, coalesce(st.shared, 0) AS shared_tracks,
         coalesce(ca.artists, 0) + coalesce(cb.artists, 0) - coalesce(sa.shared, 0) AS union_artists
  FROM friends a
  JOIN friends b ON a.user_id < b.user_id
  LEFT JOIN artist_matches sa ON sa.user_a = a.user_id AND sa.user_b = b.user_id
  LEFT JOIN track_matches st ON st.user_a = a.user_id AND st.user_b = b.user_id
  LEFT JOIN artist_counts ca ON ca.user_id = a.user_id
  LEFT JOIN artist_counts cb ON cb.user_id = b.user_id
)
SELECT user_a, user_b,
       ${integerCount('shared_artists')} AS shared_artists,
       ${integerCount('shared_tracks')} AS shared_tracks,
       ${integerCount('union_artists')} AS union_artists,
       round(shared_artists / nullif(union_artists, 0), 4)::DOUBLE AS artist_jaccard
FROM pairs
ORDER BY user_a, user_b`,
};
