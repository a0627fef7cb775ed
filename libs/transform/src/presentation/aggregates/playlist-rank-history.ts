import { PLAYLIST_DIM, TRACK_DIM } from '../base-relations.ts';
import type { PresentationAggregate } from '../presentation-aggregate.ts';
import { withRelations } from '../relations.ts';

// playlist_items keeps a playlist's content per snapshot day; one (playlist, day,
// position) can stand in it twice across runs, so one row is kept per position first.
export const playlistRankHistory: PresentationAggregate = {
  name: 'playlist_rank_history',
  description:
    "Per tracked playlist, snapshot day and track: the track's position (0-based, as Spotify and the warehouse count) and its position in the playlist's previous recorded snapshot (null when it was not in it, or for the first snapshot); episodes left out.",
  sql: ({ shared }) => `
${withRelations([PLAYLIST_DIM, TRACK_DIM], shared)},
snapshot_items AS (
  SELECT playlist_id, snapshot_date, position, track_id
  FROM playlist_items
  QUALIFY row_number() OVER (PARTITION BY playlist_id, snapshot_date, position
                             ORDER BY snapshot_id DESC NULLS LAST, track_id NULLS LAST) = 1
),
snapshots AS (
  SELECT playlist_id, snapshot_date,
         lag(snapshot_date) OVER (PARTITION BY playlist_id ORDER BY snapshot_date)
           AS previous_snapshot_date
  FROM (SELECT DISTINCT playlist_id, snapshot_date FROM snapshot_items)
),
track_positions AS (
  -- a track listed twice in one snapshot ranks at its first position
  SELECT playlist_id, snapshot_date, track_id, min(position) AS position
  FROM snapshot_items
  WHERE track_id IS NOT NULL
  GROUP BY playlist_id, snapshot_date, track_id
)
SELECT i.playlist_id, pl.playlist_name, i.snapshot_date, i.position,
       i.track_id, t.track_name, prev.position AS previous_position
FROM snapshot_items i
JOIN snapshots s ON s.playlist_id = i.playlist_id AND s.snapshot_date = i.snapshot_date
LEFT JOIN track_positions prev
  ON prev.playlist_id = i.playlist_id AND prev.snapshot_date = s.previous_snapshot_date
 AND prev.track_id = i.track_id
LEFT JOIN playlist_dim pl ON pl.playlist_id = i.playlist_id
LEFT JOIN track_dim t ON t.track_id = i.track_id
WHERE i.track_id IS NOT NULL
ORDER BY i.playlist_id, i.snapshot_date, i.position`,
};
