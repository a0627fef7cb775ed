import { ALL_PLAYS } from '../base-relations.ts';
import type { PresentationAggregate } from '../presentation-aggregate.ts';
import { withRelations } from '../relations.ts';
import { integerCount, localTime, timestampLiteral } from '../sql-expressions.ts';

// The same definition as marts.streaks: runs of consecutive local days with a stream
// (music or podcast); a run is current if its last day is today or yesterday (today is
// not over), measured from the run's now.
export const streaks: PresentationAggregate = {
  name: 'streaks',
  description:
    "Per user, runs of consecutive local days (UTC for now) with at least one stream (a music or podcast play of 30 s or more): first and last day, length, whether it is still alive at the run's now (last day today or yesterday) and whether it is the user's longest; incognito plays excluded.",
  sql: ({ now, shared }) => `
${withRelations([ALL_PLAYS], shared)},
days AS (
  SELECT DISTINCT user_id, local_date FROM all_plays WHERE is_stream
),
islands AS (
  SELECT *, local_date - (row_number() OVER (PARTITION BY user_id ORDER BY local_date))::INTEGER
            AS island
  FROM days
)
SELECT user_id, min(local_date) AS started_on, max(local_date) AS ended_on,
       ${integerCount('count(*)')} AS days,
       max(local_date) >= ${localTime(timestampLiteral(now))}::DATE - 1 AS is_current,
       rank() OVER (PARTITION BY user_id ORDER BY count(*) DESC) = 1 AS is_longest
FROM islands
GROUP BY user_id, island
ORDER BY user_id, started_on`,
};
