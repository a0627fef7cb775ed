import { MUSIC_PLAYS } from './base-relations.ts';
import type { PresentationParams } from './presentation-aggregate.ts';
import { withRelations, type Relation } from './relations.ts';
import { integerCount, localTime, minutes, timestampLiteral } from './sql-expressions.ts';

/** How many items each user's period keeps. */
export const TOP_N = 50;

/**
 * Music plays once per period they fall in, measured from `now` as the marts measure
 * from now(): last_4_weeks = 28 days, last_6_months, this_year = the local calendar year,
 * all_time.
 */
const playsByPeriod = (now: Date): Relation => {
  const at = timestampLiteral(now);
  return {
    name: 'plays_by_period',
    uses: [MUSIC_PLAYS],
    sql: `
  SELECT pr.period, pr.period_order, p.*
  FROM music_plays p
  JOIN (VALUES ('last_4_weeks', 1), ('last_6_months', 2), ('this_year', 3), ('all_time', 4))
       AS pr(period, period_order)
    ON CASE pr.period
         WHEN 'last_4_weeks' THEN p.played_at >= ${at} - INTERVAL 28 DAY
         WHEN 'last_6_months' THEN p.played_at >= ${at} - INTERVAL 6 MONTH
         WHEN 'this_year' THEN p.local_played_at >= date_trunc('year', ${localTime(at)})
         ELSE true
       END`,
  };
};

export interface CountedItem {
  /** The item's id and name as expressions over `plays_by_period p` and the joins. */
  id: string;
  name: string;
  /** JOIN clauses that reach the item from a play. */
  joins: string;
}

/** A `perItem` that counts the plays, streams and ms of each item a play reaches. */
export const countPerItem = (item: CountedItem): string => `
  SELECT p.user_id, p.period, p.period_order, ${item.id} AS item_id, ${item.name} AS item_name,
         count(*) AS plays, count(*) FILTER (WHERE p.is_stream) AS streams,
         sum(p.ms_played) AS ms_played
  FROM plays_by_period p
  ${item.joins}
  GROUP BY p.user_id, p.period, p.period_order, ${item.id}, ${item.name}`;

export interface TopItemsSpec {
  /** Relations `perItem` reads besides `plays_by_period`. */
  uses: readonly Relation[];
  /**
   * A SELECT over `plays_by_period` with one row per user, period and item: user_id,
   * period, period_order, item_id, item_name, plays, streams, ms_played, and extras.
   */
  perItem: string;
  /** The item's output columns, named, e.g. `item_id AS artist_id, item_name AS artist_name`. */
  itemColumns: string;
}

/**
 * The top items per user and period, ranked as the marts rank them: by streams, then
 * minutes, then name; rank 1 to TOP_N.
 */
export const topByPeriodSql = ({ now, shared }: PresentationParams, spec: TopItemsSpec): string => `
${withRelations([playsByPeriod(now), ...spec.uses], shared)},
per_item AS (${spec.perItem}),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY user_id, period
                               ORDER BY streams DESC, ms_played DESC, item_name, item_id) AS rank
  FROM per_item
)
SELECT user_id, period, ${integerCount('rank')} AS rank, ${spec.itemColumns},
       ${minutes('ms_played')} AS minutes, ${integerCount('streams')} AS streams,
       ${integerCount('plays')} AS plays
FROM ranked
WHERE rank <= ${TOP_N}
ORDER BY user_id, period_order, rank`;
