import { ALL_PLAYS } from '../base-relations.ts';
import { MUSIC_COLUMNS, PODCAST_COLUMNS } from '../listening-columns.ts';
import type { PresentationAggregate } from '../presentation-aggregate.ts';
import { withRelations } from '../relations.ts';

export const listeningClock: PresentationAggregate = {
  name: 'listening_clock',
  description:
    'Per user, local weekday (ISO: 1 = Monday … 7 = Sunday) and hour (0-23) in which plays ended (UTC for now): music minutes, streams and plays, then podcast minutes and plays; incognito plays excluded.',
  sql: ({ shared }) => `
${withRelations([ALL_PLAYS], shared)}
SELECT user_id,
       isodow(local_played_at)::SMALLINT AS weekday,
       hour(local_played_at)::SMALLINT AS hour,${MUSIC_COLUMNS},${PODCAST_COLUMNS}
FROM all_plays
GROUP BY user_id, isodow(local_played_at), hour(local_played_at)
ORDER BY user_id, weekday, hour`,
};
