import { freshness, type FreshnessExpectation } from '@spotify-insights/quality';

/**
 * The snapshot sources are fetched daily: a newest snapshot day more than two days old
 * means the producer stopped. A warning only: an incremental batch may simply hold no
 * new snapshot.
 */
export const dailySnapshotFreshness = (column = 'snapshot_date'): FreshnessExpectation =>
  freshness(
    column,
    { maxAgeHours: 48 },
    { severity: 'warn', description: 'daily snapshots keep coming' },
  );
