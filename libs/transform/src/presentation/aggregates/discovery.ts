import { MUSIC_PLAYS } from '../base-relations.ts';
import type { PresentationAggregate } from '../presentation-aggregate.ts';
import { withRelations } from '../relations.ts';

// A track is a recording here, as in the top tracks: hearing the album version of a
// single already heard is no discovery. Any play counts, short ones too: the user heard it.
export const discovery: PresentationAggregate = {
  name: 'discovery',
  description:
    'Per user, the first play of each track in the whole history (track ids sharing an ISRC count as one track, shown as the id first played), with its local day (UTC for now); any play counts, short ones too; incognito plays excluded.',
  sql: ({ shared }) => `
${withRelations([MUSIC_PLAYS], shared)}
SELECT user_id, track_id, track_name, recording_id,
       played_at AS first_played_at, local_date AS first_played_on
FROM music_plays
QUALIFY row_number() OVER (PARTITION BY user_id, recording_id ORDER BY played_at, track_id) = 1
ORDER BY user_id, first_played_at, track_id`,
};
