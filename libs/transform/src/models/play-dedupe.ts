import { keepFirstPer } from './sql-fragments.ts';

/** What a relation of plays must hold for playDedupeSql, and how to order copies. */
export interface PlayDedupe {
  /** A relation (a CTE or a parenthesised SELECT) of plays, with the columns below. */
  from: string;
  /** The item's id column: track_id or episode_id. */
  itemColumn: string;
  /** When the play ended (a TIMESTAMP or TIMESTAMPTZ, to the second). */
  timeColumn: string;
  /** A BOOLEAN column: the time is only known to the minute (account data). */
  toTheMinuteColumn: string;
  /** Which copy of a play known to the second is kept: the first in this order. */
  secondOrder: string;
  /** Which copy of an account play of one (user, minute, item) is kept. */
  minuteOrder: string;
}

/**
 * One row per play, by the dedupe rule every layer applies (the batch's models, the
 * presentation over all of `processed`, and the warehouse across batches in
 * minute-plays.ts of libs/warehouse): a play known to the second is one per (user,
 * second, item), the first in `secondOrder`; a play known only to the minute M is one
 * per (user, minute, item), dropped when a play of that user and item known to the
 * second ended in [M, M + 60 s) — the same play, told more precisely — and an API play
 * that is the only play to the second of that minute takes its ms_played (the API does
 * not say how long). The minute match is a join on (user, item, minute), never a
 * per-row subquery: with no account data it costs one scan of an empty hash table.
 * Returns a SELECT of `from`'s columns (plus played_minute).
 */
export const playDedupeSql = (dedupe: PlayDedupe): string => {
  const { itemColumn, timeColumn, toTheMinuteColumn } = dedupe;
  const minuteKey = `user_id, ${itemColumn}, played_minute`;
  return `WITH plays_in AS NOT MATERIALIZED (
  -- read again by each step below (each keeps a part), not copied whole into memory
  SELECT *, date_trunc('minute', ${timeColumn}) AS played_minute FROM ${dedupe.from}
),
to_the_second AS (
  SELECT * FROM plays_in WHERE NOT coalesce(${toTheMinuteColumn}, FALSE)
  ${keepFirstPer(['user_id', timeColumn, itemColumn], dedupe.secondOrder)}
),
to_the_minute AS (
  -- two files with the same account data: one play
  SELECT * FROM plays_in WHERE coalesce(${toTheMinuteColumn}, FALSE)
  ${keepFirstPer(['user_id', 'played_minute', itemColumn], dedupe.minuteOrder)}
),
-- the (user, item, minute)s of account plays that plays to the second also have, and
-- how many distinct seconds those have
matched_minutes AS (
  SELECT ${minuteKey}, count(DISTINCT ${timeColumn}) AS seconds
  FROM to_the_second SEMI JOIN to_the_minute USING (${minuteKey})
  GROUP BY ALL
),
-- an account play alone in its minute: the only record of that play
minute_only AS (
  SELECT * FROM to_the_minute ANTI JOIN matched_minutes USING (${minuteKey})
),
-- how long the account play lasted, for the one play to the second of its minute
minute_lengths AS (
  SELECT ${minuteKey}, m.ms_played AS minute_ms_played
  FROM to_the_minute m JOIN matched_minutes USING (${minuteKey})
  WHERE seconds = 1
)
SELECT s.* REPLACE (
         CASE WHEN s.source = 'api' AND l.minute_ms_played IS NOT NULL
              THEN l.minute_ms_played ELSE s.ms_played END AS ms_played)
FROM to_the_second s LEFT JOIN minute_lengths l USING (${minuteKey})
UNION ALL BY NAME
SELECT * FROM minute_only`;
};
