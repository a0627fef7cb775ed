import { TRACK_ARTIST_NAMES, TRACK_DIM } from '../base-relations.ts';
import type { PresentationAggregate } from '../presentation-aggregate.ts';
import { TOP_N, topByPeriodSql } from '../top-by-period.ts';

// A recording's plays under all its track ids (same ISRC) add up, shown under its most
// played track id, as in marts.top_tracks_by_period.
const PER_RECORDING = `
  SELECT r.*, t.track_name AS item_name, n.artist_names
  FROM (
    SELECT user_id, period, period_order, recording_id,
           (array_agg(track_id ORDER BY track_plays DESC, track_id))[1] AS item_id,
           sum(track_plays) AS plays, sum(track_streams) AS streams, sum(track_ms) AS ms_played
    FROM (
      SELECT user_id, period, period_order, recording_id, track_id,
             count(*) AS track_plays, count(*) FILTER (WHERE is_stream) AS track_streams,
             sum(ms_played) AS track_ms
      FROM plays_by_period
      GROUP BY user_id, period, period_order, recording_id, track_id
    )
    GROUP BY user_id, period, period_order, recording_id
  ) r
  LEFT JOIN track_dim t ON t.track_id = r.item_id
  LEFT JOIN track_artist_names n ON n.track_id = r.item_id`;

export const topTracksByPeriod: PresentationAggregate = {
  name: 'top_tracks_by_period',
  description: `Per user and period (last_4_weeks, last_6_months, this_year, all_time, from the run's now): the top ${TOP_N} recordings (track ids sharing an ISRC count together, shown as the most played one) by streams, then minutes; incognito plays excluded.`,
  sql: (params) =>
    topByPeriodSql(params, {
      uses: [TRACK_DIM, TRACK_ARTIST_NAMES],
      perItem: PER_RECORDING,
      itemColumns: 'item_id AS track_id, item_name AS track_name, artist_names, recording_id',
    }),
};
