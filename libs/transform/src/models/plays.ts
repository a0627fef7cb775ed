import { defineModelQuality } from '@spotify-insights/quality';
import { typedSelectList } from '../duckdb-types.ts';
import type { TransformModel } from './model.ts';
import { playColumns, playExpectations } from './play-columns.ts';
import { keepFirstPer } from './sql-fragments.ts';

/*
 * Each input of plays is one SELECT with the same columns: played_at_utc is when the
 * play ENDED, as a UTC TIMESTAMP truncated to the second (the streaming-history export
 * has no milliseconds, so the API's must go for the same play to meet itself),
 * fetched_at orders copies of one play, and to_the_minute says played_at_utc is only
 * known to the minute (account data's endTime; an input without it is to the second).
 */
const API_PLAYS = `
  -- recently-played lists a play once it has ended and does not say how long it lasted:
  -- the track's duration stands in for ms_played.
  SELECT envelope.user_id AS user_id,
         date_trunc('second', epoch_ms(fields.played_at)) AS played_at_utc,
         fields.track_id AS track_id,
         fields.duration_ms AS ms_played,
         NULL AS skipped, NULL AS reason_start, NULL AS reason_end, NULL AS shuffle,
         NULL AS offline, NULL AS platform, NULL AS conn_country, FALSE AS incognito,
         fields.context_type AS context_type, fields.context_uri AS context_uri,
         'api' AS source, envelope.fetched_at AS fetched_at, FALSE AS to_the_minute
  FROM stg_recent_plays`;

/**
 * Plays of the streaming-history topic of `itemColumn` (track_id or episode_id):
 * everything the export says, incognito included (the marts leave those out, the facts
 * keep them). The topic holds both kinds of history file: an account-data play
 * (StreamingHistory*.json, libs/ingestion account-history-record.ts) is told apart by
 * its original object, which has `endTime` (to the minute) where the extended export's
 * has `ts`: the importer's own test of the kind, true of every record ever published,
 * whatever the file was called.
 */
export const importedPlays = (itemColumn: 'track_id' | 'episode_id'): string => `
  SELECT envelope.user_id AS user_id,
         date_trunc('second', epoch_ms(fields.ts)) AS played_at_utc,
         fields.${itemColumn} AS ${itemColumn},
         fields.ms_played AS ms_played,
         fields.skipped AS skipped, fields.reason_start AS reason_start,
         fields.reason_end AS reason_end, fields.shuffle AS shuffle, fields.offline AS offline,
         fields.platform AS platform, fields.conn_country AS conn_country,
         coalesce(fields.incognito_mode, FALSE) AS incognito,
         NULL AS context_type, NULL AS context_uri,
         'import' AS source, envelope.fetched_at AS fetched_at,
         item."endTime" IS NOT NULL AS to_the_minute
  FROM stg_streaming_history
  WHERE fields.${itemColumn} IS NOT NULL`;

export const PLAY_INPUTS: readonly string[] = [API_PLAYS, importedPlays('track_id')];

/**
 * Plays from its inputs, one row per (user, second, track). A play known to the second
 * (the extended export, the API): one row per (user, second, track), an import's copy
 * winning over the API's (it knows ms_played, skips, platform…), then the newest
 * fetched. A play known only to the minute M (account data): one per (user, minute,
 * track), dropped when a play of that user and track known to the second ended in
 * [M, M + 60 s) — the same play, told more precisely; an API play that is the only
 * play to the second of that minute then takes the account play's ms_played (the API
 * does not say how long). The minute match is a join on (user, track, minute) of the
 * account plays' minutes, never a per-row subquery: with no account data it costs one
 * scan of an empty hash table.
 */
export const playsSql = (
  inputs: readonly string[],
  table = 'plays',
  itemColumn = 'track_id',
): string => {
  const minuteKey = `user_id, ${itemColumn}, played_minute`;
  return `CREATE OR REPLACE TABLE ${table} AS
WITH play_inputs AS NOT MATERIALIZED (
  -- read again by each step below (each keeps a part), not copied whole into memory
  SELECT * REPLACE (coalesce(to_the_minute, FALSE) AS to_the_minute),
         date_trunc('minute', played_at_utc) AS played_minute
  FROM (
    ${inputs.join('\n    UNION ALL BY NAME\n')}
  )
),
to_the_second AS (
  SELECT * FROM play_inputs WHERE NOT to_the_minute
  ${keepFirstPer(['user_id', 'played_at_utc', itemColumn], "source = 'import' DESC, fetched_at DESC")}
),
to_the_minute AS (
  -- two files with the same account data: one play
  SELECT * FROM play_inputs WHERE to_the_minute
  ${keepFirstPer(['user_id', 'played_minute', itemColumn], 'fetched_at DESC, ms_played DESC')}
),
-- the (user, item, minute)s of account plays that plays to the second also have, and
-- how many distinct seconds those have
matched_minutes AS (
  SELECT ${minuteKey}, count(DISTINCT played_at_utc) AS seconds
  FROM play_inputs SEMI JOIN to_the_minute USING (${minuteKey})
  WHERE NOT play_inputs.to_the_minute
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
),
kept AS (
  SELECT s.* REPLACE (
           CASE WHEN s.source = 'api' AND l.minute_ms_played IS NOT NULL
                THEN l.minute_ms_played ELSE s.ms_played END AS ms_played)
  FROM to_the_second s LEFT JOIN minute_lengths l USING (${minuteKey})
  UNION ALL BY NAME
  SELECT * FROM minute_only
)
SELECT ${typedSelectList(playColumns(itemColumn), {
    played_at: `timezone('UTC', played_at_utc)`,
    played_date: 'played_at_utc',
  })}
FROM kept`;
};

export const plays: TransformModel = {
  name: 'plays',
  grain: {
    description:
      "one row per play of a track by a user, when it ended: the same play polled twice, in two files, or also imported is one row, and the import's wins. An account-data play (ended at a minute M, no seconds) is dropped when the same user and track have a play known to the second (extended export or API) that ended in [M, M + 60 s), whose row it then is (an API play takes its ms_played); two account-data copies of one minute and track are one. Within one transform batch only",
    key: ['user_id', 'played_at', 'track_id'],
  },
  columns: playColumns('track_id'),
  partitionColumn: 'played_date',
  sql: playsSql(PLAY_INPUTS),
  quality: defineModelQuality({
    model: 'plays',
    // No freshness: played_at says when a play happened, not when it was fetched (a first
    // poll's plays of days ago, a quiet user or an imported year all look stale by it).
    expectations: playExpectations('track_id', 'tracks'),
  }),
};
