import { describe, expect, it } from 'vitest';
import { playlistRankHistory } from './aggregates/playlist-rank-history.ts';
import { table } from './test-support/expected-rows.ts';
import { useProcessedDb } from './test-support/processed-db.ts';

describe('playlist_rank_history over the friend group', () => {
  const db = useProcessedDb();

  it('one row per track and snapshot: its position then and in the previous snapshot', async () => {
    const columns = [
      'playlist_id',
      'playlist_name',
      'snapshot_date',
      'position',
      'track_id',
      'track_name',
      'previous_position',
    ];
    expect(await db.rows(playlistRankHistory)).toEqual(
      table(columns, [
        // the first snapshot has nothing before it; the episode at position 2 is left out
        ['pl1', 'Road Trip', '2026-11-01', 0, 't1', 'Track One', null],
        ['pl1', 'Road Trip', '2026-11-01', 1, 't2', 'Track Two', null],
        // position 0 stands twice (two runs): one row; t2 climbed from 1, t1 fell from 0
        ['pl1', 'Road Trip', '2026-11-08', 0, 't2', 'Track Two', 1],
        ['pl1', 'Road Trip', '2026-11-08', 1, 't3', 'Track Three', null],
        ['pl1', 'Road Trip', '2026-11-08', 2, 't1', 'Track One', 0],
        ['pl2', 'Chill', '2026-11-08', 0, 't4', 'Track Four', null],
      ]),
    );
  });
});
