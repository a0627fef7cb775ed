import { describe, expect, it } from 'vitest';
import { groupOverlap } from './aggregates/group-overlap.ts';
import { table } from './test-support/expected-rows.ts';
import { useProcessedDb } from './test-support/processed-db.ts';

const COLUMNS = [
  'user_a',
  'user_b',
  'shared_artists',
  'shared_tracks',
  'union_artists',
  'artist_jaccard',
];

describe('group_overlap over the friend group', () => {
  const db = useProcessedDb();

  it('every pair once (user_a < user_b), shared artists and tracks, Jaccard on artists', async () => {
    // Artists played: alice {a1, a2, a3} (a4 only incognito), bob {a1, a2, a4},
    // carol {a3}, dave none. Recordings: alice {isrc1, isrc2, isrc3}, bob {isrc2 (t2 and
    // t5), t4}, carol {isrc3}.
    expect(await db.rows(groupOverlap)).toEqual(
      table(COLUMNS, [
        ['u1', 'u2', 2, 1, 4, 0.5], // {a1, a2} of {a1, a2, a3, a4}
        ['u1', 'u3', 1, 1, 3, 0.3333], // {a3} of {a1, a2, a3}
        ['u1', 'u4', 0, 0, 3, 0],
        ['u2', 'u3', 0, 0, 4, 0],
        ['u2', 'u4', 0, 0, 3, 0],
        ['u3', 'u4', 0, 0, 1, 0],
      ]),
    );
  });
});

describe('group_overlap of users who played nothing', () => {
  const db = useProcessedDb({ users: [{ user_id: 'x1' }, { user_id: 'x2' }] });

  it('has no Jaccard index (null), not a division by zero', async () => {
    expect(await db.rows(groupOverlap)).toEqual(table(COLUMNS, [['x1', 'x2', 0, 0, 0, null]]));
  });
});
