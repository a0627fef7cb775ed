import { defineModelQuality } from '@spotify-insights/quality';
import { typedSelectList } from '../duckdb-types.ts';
import type { TransformModel } from './model.ts';
import { playColumns, playExpectations } from './play-columns.ts';
import { keepFirstPer } from './sql-fragments.ts';

/*
 * Each input of plays is one SELECT with the same columns: played_at_utc is when the
 * play ENDED, as a UTC TIMESTAMP truncated to the second (the streaming-history export
 * has no milliseconds, so the API's must go for the same play to meet itself), and
 * fetched_at orders copies of one play.
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
         'api' AS source, envelope.fetched_at AS fetched_at
  FROM stg_recent_plays`;

/**
 * Plays of the extended streaming history export (the import's topic) of `itemColumn`
 * (track_id or episode_id): everything the export says, incognito included (the marts
 * leave those out, the facts keep them).
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
         'import' AS source, envelope.fetched_at AS fetched_at
  FROM stg_streaming_history
  WHERE fields.${itemColumn} IS NOT NULL`;

export const PLAY_INPUTS: readonly string[] = [API_PLAYS, importedPlays('track_id')];

/**
 * Plays from its inputs, one row per (user, second, track): an import's copy of a play
 * wins over the API's (it knows ms_played, skips, platform…), then the newest fetched.
 */
export const playsSql = (
  inputs: readonly string[],
  table = 'plays',
  itemColumn = 'track_id',
): string => `CREATE OR REPLACE TABLE ${table} AS
WITH play_inputs AS (
  ${inputs.join('\n  UNION ALL BY NAME\n')}
)
SELECT ${typedSelectList(playColumns(itemColumn), {
  played_at: `timezone('UTC', played_at_utc)`,
  played_date: 'played_at_utc',
})}
FROM play_inputs
${keepFirstPer(['user_id', 'played_at_utc', itemColumn], "source = 'import' DESC, fetched_at DESC")}`;

export const plays: TransformModel = {
  name: 'plays',
  grain: {
    description:
      "one row per play of a track by a user, when it ended: the same play polled twice, in two files, or also imported is one row, and the import's wins",
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
