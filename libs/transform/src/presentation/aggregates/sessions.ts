import { ALL_PLAYS } from '../base-relations.ts';
import type { PresentationAggregate } from '../presentation-aggregate.ts';
import { withRelations } from '../relations.ts';
import { integerCount, minutes } from '../sql-expressions.ts';

/** A play that starts more than this after every earlier play ended starts a session. */
const SESSION_GAP = 'INTERVAL 10 MINUTE';

// The same definition as marts.sessions: a play starts ms_played before it ended
// (played_at); the previous end is the latest end of any earlier play, since a long play
// can outlast the next one's start; music and podcasts share sessions.
export const sessions: PresentationAggregate = {
  name: 'sessions',
  description:
    'Per user, listening sessions numbered from 1: a play that starts more than 10 minutes after the previous play ended starts a new one (music and podcasts together); its start (when its first play started) and end (when its last play ended), plays and minutes of both, music plays and podcast plays; incognito plays excluded.',
  sql: ({ shared }) => `
${withRelations([ALL_PLAYS], shared)},
ordered AS (
  SELECT *,
         max(played_at) OVER (PARTITION BY user_id ORDER BY played_at, started_at, content_type
                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_end
  FROM all_plays
),
numbered AS (
  SELECT *,
         sum(CASE WHEN previous_end IS NULL OR started_at - previous_end > ${SESSION_GAP}
                  THEN 1 ELSE 0 END)
           OVER (PARTITION BY user_id ORDER BY played_at, started_at, content_type
                 ROWS UNBOUNDED PRECEDING) AS session_number
  FROM ordered
)
SELECT user_id, ${integerCount('session_number')} AS session_number,
       min(started_at) AS session_start, max(played_at) AS session_end,
       ${minutes('(epoch(max(played_at)) - epoch(min(started_at))) * 1000')} AS duration_minutes,
       ${integerCount('count(*)')} AS plays, ${minutes('sum(ms_played)')} AS minutes,
       ${integerCount("count(*) FILTER (WHERE content_type = 'music')")} AS music_plays,
       ${integerCount("count(*) FILTER (WHERE content_type = 'podcast')")} AS podcast_plays
FROM numbered
GROUP BY user_id, session_number
ORDER BY user_id, session_number`,
};
