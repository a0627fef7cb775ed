import { describe, expect, it } from 'vitest';
import { livePlayOf } from './play-from-record.ts';

const PLAYED = Date.parse('2026-11-21T12:00:00Z');

describe('livePlayOf', () => {
  it('reads a recent-plays record, artists from the API item', () => {
    const play = livePlayOf({
      user_id: 'ana',
      played_at: PLAYED,
      track_id: 't1',
      track_name: 'Song',
      artist_ids: ['a1', 'a2'],
      item_json: JSON.stringify({
        played_at: '2026-11-21T12:00:00Z',
        track: {
          id: 't1',
          artists: [
            { id: 'a1', name: 'First' },
            { id: 'a2', name: 'Second' },
          ],
        },
      }),
    });
    expect(play).toEqual({
      userId: 'ana',
      playedAt: PLAYED,
      trackId: 't1',
      trackName: 'Song',
      artists: [
        { name: 'First', id: 'a1' },
        { name: 'Second', id: 'a2' },
      ],
    });
  });

  it('falls back to the artist ids when the item names none', () => {
    const play = livePlayOf({
      user_id: 'ana',
      played_at: new Date(PLAYED),
      track_id: 't1',
      track_name: 'Song',
      artist_ids: ['a1'],
      item_json: '{"track":{"id":"t1"}}',
    });
    expect(play?.artists).toEqual([{ name: 'a1', id: 'a1' }]);
    expect(play?.playedAt).toBe(PLAYED);
  });

  it('reads a streaming-history record, the album artist by name', () => {
    expect(
      livePlayOf({
        user_id: 'ana',
        ts: PLAYED,
        track_id: 't1',
        track_name: 'Song',
        artist_name: 'Band',
        item_json: '{}',
      }),
    ).toEqual({
      userId: 'ana',
      playedAt: PLAYED,
      trackId: 't1',
      trackName: 'Song',
      artists: [{ name: 'Band', id: null }],
    });
  });

  it('skips podcast episodes, local files and records of another kind', () => {
    expect(livePlayOf({ user_id: 'ana', ts: PLAYED, track_id: null, episode_id: 'e1' })).toBeNull();
    expect(livePlayOf({ user_id: 'ana', track_id: 't1', added_at: PLAYED })).toBeNull();
    expect(livePlayOf({ user_id: 'ana', ts: 'soon', track_id: 't1' })).toBeNull();
  });
});
