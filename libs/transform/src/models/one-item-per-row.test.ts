import { checkTable, defineModelQuality } from '@spotify-insights/quality';
import { describe, expect, it } from 'vitest';
import { useTransformDb } from '../test-support/transform-db.ts';
import { exactlyOneItem } from './one-item-per-row.ts';

describe('exactlyOneItem', () => {
  const db = useTransformDb();

  it('fails a row whose type column does not name the one id column it sets', async () => {
    await db.conn.run(`CREATE TABLE top_items AS SELECT * FROM (VALUES
      (1, 'track', 't', NULL), (2, 'artist', NULL, 'a'), (3, 'track', NULL, 'a'),
      (4, 'artist', 't', 'a'), (5, 'track', NULL, NULL), (6, 'show', 't', NULL)
    ) AS v(id, item_type, track_id, artist_id)`);
    const model = defineModelQuality({
      model: 'top_items',
      expectations: [exactlyOneItem('item_type', { track: 'track_id', artist: 'artist_id' })],
    });

    await checkTable(db.conn, { table: 'top_items', model, now: new Date() });

    const quarantined = await db.rows('SELECT id FROM top_items__quarantine ORDER BY id');
    expect(quarantined.map((row) => row['id'])).toEqual([3, 4, 5, 6]);
  });
});
