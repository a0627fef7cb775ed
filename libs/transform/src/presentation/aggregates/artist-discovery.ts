import { ARTIST_DIM, MUSIC_PLAYS, TRACK_CREDITS } from '../base-relations.ts';
import type { PresentationAggregate } from '../presentation-aggregate.ts';
import { withRelations } from '../relations.ts';

export const artistDiscovery: PresentationAggregate = {
  name: 'artist_discovery',
  description:
    'Per user, the first play of each artist in the whole history (any credited artist of the track, short plays too) and the track it came with, with its local day (UTC for now); incognito plays excluded.',
  sql: ({ shared }) => `
${withRelations([MUSIC_PLAYS, TRACK_CREDITS, ARTIST_DIM], shared)}
SELECT p.user_id, c.artist_id, a.artist_name,
       p.played_at AS first_played_at, p.local_date AS first_played_on,
       p.track_id AS first_track_id, p.track_name AS first_track_name
FROM music_plays p
JOIN track_credits c ON c.track_id = p.track_id
LEFT JOIN artist_dim a ON a.artist_id = c.artist_id
QUALIFY row_number() OVER (PARTITION BY p.user_id, c.artist_id ORDER BY p.played_at, p.track_id) = 1
ORDER BY p.user_id, first_played_at, c.artist_id`,
};
