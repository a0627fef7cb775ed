import { ARTIST_DIM, TRACK_CREDITS } from '../base-relations.ts';
import type { PresentationAggregate } from '../presentation-aggregate.ts';
import { countPerItem, TOP_N, topByPeriodSql } from '../top-by-period.ts';

export const topArtistsByPeriod: PresentationAggregate = {
  name: 'top_artists_by_period',
  description: `Per user and period (last_4_weeks, last_6_months, this_year, all_time, from the run's now): the top ${TOP_N} artists by streams, then minutes; a play credits every artist of its track; incognito plays excluded.`,
  sql: (params) =>
    topByPeriodSql(params, {
      uses: [TRACK_CREDITS, ARTIST_DIM],
      // A play credits every artist of its track (a featured artist too), as the marts do.
      perItem: countPerItem({
        id: 'c.artist_id',
        name: 'a.artist_name',
        joins: `JOIN track_credits c ON c.track_id = p.track_id
  LEFT JOIN artist_dim a ON a.artist_id = c.artist_id`,
      }),
      itemColumns: 'item_id AS artist_id, item_name AS artist_name',
    }),
};
