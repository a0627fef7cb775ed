import { avroType, recordProblems } from '@spotify-insights/schemas';
import { describe, expect, it } from 'vitest';
import {
  accountPlayRecord,
  looksLikeAccountHistory,
  parseAccountPlay,
} from './account-history-record.ts';

const envelope = {
  userId: 'u1',
  fileName: 'StreamingHistory_music_0.json',
  runId: 'imp-1',
  importedAt: 1_700_000_000_000,
};
const item = {
  endTime: '2024-03-01 10:15',
  artistName: 'Artist',
  trackName: 'Song',
  msPlayed: 185_000,
};

describe('account-data plays', () => {
  it('reads endTime as UTC to the minute and types the rest', () => {
    const parsed = parseAccountPlay(item);
    expect(parsed).toEqual({
      ok: true,
      play: {
        artistName: 'Artist',
        trackName: 'Song',
        endedAt: Date.parse('2024-03-01T10:15:00Z'),
        msPlayed: 185_000,
      },
    });
  });

  it('becomes a streaming-history record once its track is resolved', () => {
    const parsed = parseAccountPlay(item);
    if (!parsed.ok) throw new Error(parsed.reason);
    const record = accountPlayRecord(parsed.play, '4uLU6hMCjMI75M1A2tKUQC', item, envelope);
    expect(record).toMatchObject({
      user_id: 'u1',
      endpoint: 'import StreamingHistory_music_0.json',
      ts: Date.parse('2024-03-01T10:15:00Z'),
      track_id: '4uLU6hMCjMI75M1A2tKUQC',
      artist_name: 'Artist',
    });
    expect(JSON.parse(record.item_json)).toEqual(item);
    expect(recordProblems(avroType('streaming-history'), record)).toEqual([]);
  });

  it('gives a reason for what cannot be typed', () => {
    const reason = (v: unknown) => {
      const p = parseAccountPlay(v);
      return p.ok ? undefined : p.reason;
    };
    expect(reason('x')).toMatch(/not a JSON object/);
    expect(reason({ ...item, endTime: '2024-03-01T10:15:00Z' })).toMatch(/^endTime:/);
    expect(reason({ ...item, msPlayed: 1.5 })).toMatch(/^msPlayed:/);
    expect(reason({ ...item, trackName: ' ' })).toMatch(/^trackName:/);
  });

  it('tells account data from an extended history play', () => {
    expect(looksLikeAccountHistory(item)).toBe(true);
    expect(looksLikeAccountHistory({ ts: '2024-01-01T00:00:00Z', ms_played: 1 })).toBe(false);
  });
});
