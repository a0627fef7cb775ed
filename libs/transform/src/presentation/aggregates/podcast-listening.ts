import { PODCAST_PLAYS } from '../base-relations.ts';
import type { PresentationAggregate } from '../presentation-aggregate.ts';
import { withRelations } from '../relations.ts';
import { integerCount, minutes } from '../sql-expressions.ts';

// Podcasts are counted apart from music (the privacy and content policy of the marts);
// a show without a name groups as marts.podcasts groups it.
const SHOW = "coalesce(show_name, '(unknown show)')";

export const podcastListening: PresentationAggregate = {
  name: 'podcast_listening',
  description:
    "Per user, local month ('YYYY-MM', UTC for now) and podcast show: minutes, distinct episodes, plays and streams (plays of 30 s or more); counted apart from music, incognito plays excluded.",
  sql: ({ shared }) => `
${withRelations([PODCAST_PLAYS], shared)}
SELECT user_id, strftime(local_date, '%Y-%m') AS month, ${SHOW} AS show_name,
       ${minutes('sum(ms_played)')} AS minutes,
       ${integerCount('count(DISTINCT episode_id)')} AS episodes,
       ${integerCount('count(*)')} AS plays,
       ${integerCount('count(*) FILTER (WHERE is_stream)')} AS streams
FROM podcast_plays
GROUP BY user_id, strftime(local_date, '%Y-%m'), ${SHOW}
ORDER BY user_id, month, show_name`,
};
