import { describe, expect, it } from 'vitest';
import { MUSIC_PLAYS } from './base-relations.ts';
import { withRelations } from './relations.ts';
import { useProcessedDb } from './test-support/processed-db.ts';
import type { FixtureRow } from './test-support/processed-tables.ts';

// Rows of `processed` as several runs wrote them: account data (to the minute) in one
// run, the same plays known to the second in others.
const play = (at: string, track: string, ms: number, kind: 'account' | 'extended' | 'api') =>
  ({
    user_id: 'u1',
    played_at: at,
    track_id: track,
    ms_played: ms,
    incognito: false,
    source: kind === 'api' ? 'api' : 'import',
    played_to_the_minute: kind === 'account',
  }) satisfies FixtureRow;

describe('music_plays over every run of processed: the minute rule', () => {
  const db = useProcessedDb({
    plays: [
      // account play and its extended twin (another run): the extended one
      play('2026-11-20T12:34:00Z', 't1', 59_000, 'account'),
      play('2026-11-20T12:34:41Z', 't1', 61_000, 'extended'),
      // account play and the API's twin alone in its minute: the API's second, its length
      play('2026-11-20T13:00:00Z', 't2', 30_000, 'account'),
      play('2026-11-20T13:00:12Z', 't2', 180_000, 'api'),
      // an account play nothing else saw, twice (two files, two runs): once
      play('2026-11-20T14:10:00Z', 't3', 12_000, 'account'),
      play('2026-11-20T14:10:00Z', 't3', 12_000, 'account'),
      // files written before the flag existed: NULL, a play to the second
      { ...play('2026-11-20T15:00:00Z', 't1', 200_000, 'api'), played_to_the_minute: null },
    ],
  });

  it('counts each play once, the most precise copy with the best-known length', async () => {
    const reader = await db.conn.runAndReadAll(
      `${withRelations([MUSIC_PLAYS])}
       SELECT strftime(played_at, '%H:%M:%S') AS ended, track_id, ms_played
       FROM music_plays ORDER BY played_at`,
    );
    expect(reader.getRowObjectsJson()).toEqual([
      { ended: '12:34:41', track_id: 't1', ms_played: 61_000 },
      { ended: '13:00:12', track_id: 't2', ms_played: 30_000 },
      { ended: '14:10:00', track_id: 't3', ms_played: 12_000 },
      { ended: '15:00:00', track_id: 't1', ms_played: 200_000 },
    ]);
  });
});
