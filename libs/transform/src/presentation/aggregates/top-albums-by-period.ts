import { ALBUM_DIM } from '../base-relations.ts';
import type { PresentationAggregate } from '../presentation-aggregate.ts';
import { countPerItem, TOP_N, topByPeriodSql } from '../top-by-period.ts';

export const topAlbumsByPeriod: PresentationAggregate = {
  name: 'top_albums_by_period',
  description: `Per user and period (last_4_weeks, last_6_months, this_year, all_time, from the run's now): the top ${TOP_N} albums (the album of each played track) by streams, then minutes; incognito plays excluded.`,
  sql: (params) =>
    topByPeriodSql(params, {
      uses: [ALBUM_DIM],
      // A play counts for the album of its track (one the processed albums know).
      perItem: countPerItem({
        id: 'p.album_id',
        name: 'a.album_name',
        joins: `JOIN album_dim a ON a.album_id = p.album_id`,
      }),
      itemColumns: 'item_id AS album_id, item_name AS album_name',
    }),
};
