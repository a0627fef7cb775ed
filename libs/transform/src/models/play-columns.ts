import {
  acceptedValues,
  notNull,
  range,
  unique,
  type Expectation,
} from '@spotify-insights/quality';
import type { DuckDbFields } from '../duckdb-types.ts';
import { notQuarantinedIn } from './quarantined-reference.ts';
import { isSpotifyId } from './spotify-formats.ts';

/*
 * What plays (of tracks) and episode_plays (of podcast episodes) share: their columns,
 * with the item's id third, and their expectations.
 */

/**
 * The export's columns (ms_played, skipped, reasons, shuffle, offline, platform,
 * country, incognito) are NULL or a default for API plays; played_date is the UTC day
 * of played_at, the Parquet partition.
 */
export const playColumns = (itemColumn: string): DuckDbFields => ({
  user_id: 'VARCHAR',
  played_at: 'TIMESTAMP WITH TIME ZONE',
  [itemColumn]: 'VARCHAR',
  ms_played: 'INTEGER',
  skipped: 'BOOLEAN',
  reason_start: 'VARCHAR',
  reason_end: 'VARCHAR',
  shuffle: 'BOOLEAN',
  offline: 'BOOLEAN',
  platform: 'VARCHAR',
  conn_country: 'VARCHAR',
  incognito: 'BOOLEAN',
  context_type: 'VARCHAR',
  context_uri: 'VARCHAR',
  source: 'VARCHAR',
  // known only to the minute (account data): gives way to the same play known to the
  // second in any later batch too (play-dedupe.ts)
  played_to_the_minute: 'BOOLEAN',
  played_date: 'DATE',
});

/** Spotify launched in 2008: a play before that is a broken timestamp. */
const SPOTIFY_LAUNCH = new Date('2008-01-01T00:00:00Z');

/** The expectations of a play of `itemColumn`, whose rows live in `dimension`. */
export const playExpectations = (itemColumn: string, dimension: string): Expectation[] => [
  notNull('user_id'),
  notNull('played_at'),
  notNull(itemColumn),
  isSpotifyId(itemColumn),
  notNull('ms_played'),
  range('ms_played', { min: 0 }),
  range('played_at', { min: SPOTIFY_LAUNCH }),
  notNull('incognito'),
  notNull('played_to_the_minute'),
  // an imported play wins over the same play seen by the API
  acceptedValues('source', ['api', 'import']),
  notNull('played_date'),
  notQuarantinedIn(dimension, itemColumn),
  unique(['user_id', 'played_at', itemColumn]),
];
