import { ALL_PLAYS, TRACK_CREDITS } from './base-relations.ts';
import { MUSIC_COLUMNS, PODCAST_COLUMNS } from './listening-columns.ts';
import { withRelations, type SharedRelations } from './relations.ts';
import { integerCount } from './sql-expressions.ts';

/**
 * Listening per user and calendar period (a local day, a month…): music minutes,
 * streams, plays, distinct tracks and credited artists, then podcast minutes and plays.
 * A period with podcasts only has a row with zero music, as in the marts.
 */
export const listeningByPeriodSql = (
  periodColumn: string,
  periodExpression: string,
  shared?: SharedRelations,
): string => `
${withRelations([ALL_PLAYS, TRACK_CREDITS], shared)},
listened AS (
  SELECT ${periodExpression} AS ${periodColumn}, *
  FROM all_plays
),
artists_heard AS (
  SELECT l.user_id, l.${periodColumn}, count(DISTINCT c.artist_id) AS distinct_artists
  FROM listened l
  JOIN track_credits c ON c.track_id = l.track_id
  GROUP BY l.user_id, l.${periodColumn}
)
SELECT l.user_id, l.${periodColumn},${MUSIC_COLUMNS},
       ${integerCount('count(DISTINCT l.track_id)')} AS distinct_tracks,
       ${integerCount('coalesce(any_value(a.distinct_artists), 0)')} AS distinct_artists,${PODCAST_COLUMNS}
FROM listened l
LEFT JOIN artists_heard a ON a.user_id = l.user_id AND a.${periodColumn} = l.${periodColumn}
GROUP BY l.user_id, l.${periodColumn}
ORDER BY l.user_id, l.${periodColumn}`;
