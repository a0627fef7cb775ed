import { describe, expect, it } from 'vitest';
import { artistDiscovery } from './aggregates/artist-discovery.ts';
import { discovery } from './aggregates/discovery.ts';
import { pick } from './test-support/expected-rows.ts';
import { useProcessedDb } from './test-support/processed-db.ts';

describe('discovery over the friend group', () => {
  const db = useProcessedDb();

  it('discovery: the first play of each track (recording) per user, never an incognito one', async () => {
    expect(
      pick(await db.rows(discovery), 'user_id', 'track_id', 'first_played_at', 'first_played_on'),
    ).toEqual([
      ['u1', 't3', '2025-12-31 23:59:00+00', '2025-12-31'],
      ['u1', 't1', '2026-08-01 10:00:00+00', '2026-08-01'],
      ['u1', 't2', '2026-11-20 08:07:00+00', '2026-11-20'],
      // alice's only t4 play was incognito: no discovery
      ['u2', 't2', '2026-11-20 20:00:00+00', '2026-11-20'],
      // t5, heard later, is t2's recording (same ISRC): no discovery either
      ['u2', 't4', '2026-11-20 20:04:00+00', '2026-11-20'],
      ['u3', 't3', '2026-11-21 10:00:00+00', '2026-11-21'],
    ]);
  });

  it('artist_discovery: the first play crediting each artist, and the track it came with', async () => {
    expect(
      pick(
        await db.rows(artistDiscovery),
        'user_id',
        'artist_id',
        'artist_name',
        'first_played_at',
        'first_track_id',
      ),
    ).toEqual([
      ['u1', 'a3', 'Artist Three', '2025-12-31 23:59:00+00', 't3'],
      ['u1', 'a1', 'Artist One', '2026-08-01 10:00:00+00', 't1'],
      // the featured artist of t2
      ['u1', 'a2', 'Artist Two', '2026-11-20 08:07:00+00', 't2'],
      ['u2', 'a1', 'Artist One', '2026-11-20 20:00:00+00', 't2'],
      ['u2', 'a2', 'Artist Two', '2026-11-20 20:00:00+00', 't2'],
      ['u2', 'a4', 'Artist Four', '2026-11-20 20:04:00+00', 't4'],
      ['u3', 'a3', 'Artist Three', '2026-11-21 10:00:00+00', 't3'],
    ]);
  });
});
