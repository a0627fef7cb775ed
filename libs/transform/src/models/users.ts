import { defineModelQuality, notNull, rowCount, unique } from '@spotify-insights/quality';
import { STAGING_TABLES } from '../stage/staging-tables.ts';
import type { TransformModel } from './model.ts';
import { utcInstant } from './sql-fragments.ts';

// Every connected user the batch has a record of, whatever the source. Chart rows are
// not a user's (their user_id is the pseudo id spotify-charts, see schemas/charts.avsc).
const envelopes = STAGING_TABLES.filter(({ source }) => source !== 'charts')
  .map(({ table }) => `SELECT envelope FROM ${table}`)
  .join('\n  UNION ALL ');

export const users: TransformModel = {
  name: 'users',
  grain: { description: 'one row per Spotify user seen in the batch', key: ['user_id'] },
  columns: { user_id: 'VARCHAR', first_seen_at: 'TIMESTAMP WITH TIME ZONE' },
  sql: `CREATE OR REPLACE TABLE users AS
SELECT envelope.user_id AS user_id,
       ${utcInstant('min(envelope.fetched_at)')} AS first_seen_at
FROM (
  ${envelopes}
)
GROUP BY envelope.user_id`,
  quality: defineModelQuality({
    model: 'users',
    expectations: [
      notNull('user_id'),
      notNull('first_seen_at'),
      unique(['user_id']),
      rowCount(
        { min: 1 },
        { severity: 'warn', description: 'a batch without any user has no data at all' },
      ),
    ],
  }),
};
