import { defineModelQuality } from '@spotify-insights/quality';
import { typedSelectList } from '../duckdb-types.ts';
import type { TransformModel } from './model.ts';
import { playColumns, playExpectations } from './play-columns.ts';
import { playDedupeSql } from './play-dedupe.ts';

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
 * Plays from its inputs, by the dedupe rule of play-dedupe.ts: a play known to the
 * second is one row per (user, second, track), an import's copy winning over the API's
 * (it knows ms_played, skips, platform…), then the newest fetched; a play known only to
 * the minute (account data) gives way to the same play known to the second. The rule
 * holds across batches too: the flag goes on as played_to_the_minute, which the
 * presentation (over all of `processed`) and the warehouse's loader apply it with.
 */
export const playsSql = (
  inputs: readonly string[],
  table = 'plays',
  itemColumn = 'track_id',
): string => `CREATE OR REPLACE TABLE ${table} AS
WITH kept AS (
${playDedupeSql({
  from: `(
    ${inputs.join('\n    UNION ALL BY NAME\n')}
  )`,
  itemColumn,
  timeColumn: 'played_at_utc',
  toTheMinuteColumn: 'to_the_minute',
  secondOrder: "source = 'import' DESC, fetched_at DESC",
  minuteOrder: 'fetched_at DESC, ms_played DESC',
})}
)
SELECT ${typedSelectList(playColumns(itemColumn), {
  played_at: `timezone('UTC', played_at_utc)`,
  played_date: 'played_at_utc',
  played_to_the_minute: 'coalesce(to_the_minute, FALSE)',
})}
FROM kept`;

export const plays: TransformModel = {
  name: 'plays',
  grain: {
    description:
      "one row per play of a track by a user, when it ended: the same play polled twice, in two files, or also imported is one row, and the import's wins. An account-data play (ended at a minute M, no seconds) is dropped when the same user and track have a play known to the second (extended export or API) that ended in [M, M + 60 s), whose row it then is (an API play takes its ms_played); two account-data copies of one minute and track are one. Across batches too: the presentation and the warehouse apply the same rule",
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
