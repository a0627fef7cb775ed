import { avroType, recordProblems } from '@spotify-insights/schemas';
import { describe, expect, it } from 'vitest';
import { looksLikeStreamingHistory, toStreamingHistoryRecord } from './streaming-history-record.ts';

const envelope = {
  userId: 'u1',
  fileName: 'endsong_0.json',
  runId: 'imp-1',
  importedAt: 1_700_000_000_000,
};

const newTrack = {
  ts: '2024-03-01T10:15:30Z',
  platform: 'android',
  ms_played: 185_000,
  conn_country: 'DE',
  ip_addr: '203.0.113.9',
  master_metadata_track_name: 'Song',
  master_metadata_album_artist_name: 'Artist',
  master_metadata_album_album_name: 'Album',
  spotify_track_uri: 'spotify:track:4uLU6hMCjMI75M1A2tKUQC',
  episode_name: null,
  episode_show_name: null,
  spotify_episode_uri: null,
  reason_start: 'trackdone',
  reason_end: 'trackdone',
  shuffle: false,
  skipped: false,
  offline: false,
  offline_timestamp: 0,
  incognito_mode: false,
};

describe('toStreamingHistoryRecord', () => {
  it('types a track play, fits the Avro schema, and drops the IP address', () => {
    const mapped = toStreamingHistoryRecord(newTrack, envelope);
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.record).toMatchObject({
      user_id: 'u1',
      endpoint: 'import endsong_0.json',
      ts: Date.parse('2024-03-01T10:15:30Z'),
      track_id: '4uLU6hMCjMI75M1A2tKUQC',
      episode_id: null,
      artist_name: 'Artist',
      incognito_mode: false,
    });
    expect(recordProblems(avroType('streaming-history'), mapped.record)).toEqual([]);
    expect(mapped.record.item_json).not.toContain('203.0.113.9');
    expect(JSON.parse(mapped.record.item_json)).toMatchObject({ offline_timestamp: 0 });
  });

  it('types an old-format podcast play (ip_addr_decrypted, track fields null)', () => {
    const { ip_addr: _ip, ...rest } = newTrack;
    const episode = {
      ...rest,
      ip_addr_decrypted: '198.51.100.1',
      master_metadata_track_name: null,
      master_metadata_album_artist_name: null,
      master_metadata_album_album_name: null,
      spotify_track_uri: null,
      episode_name: 'Ep 1',
      episode_show_name: 'Show',
      spotify_episode_uri: 'spotify:episode:1ZpbXJvbGvGk7uJcU6gXQz',
      skipped: null,
    };
    const mapped = toStreamingHistoryRecord(episode, envelope);
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.record).toMatchObject({
      track_id: null,
      episode_id: '1ZpbXJvbGvGk7uJcU6gXQz',
      show_name: 'Show',
      skipped: null,
    });
    expect(mapped.record.item_json).not.toContain('198.51.100.1');
  });

  it('gives a reason for what cannot be typed', () => {
    const reason = (v: unknown) => {
      const m = toStreamingHistoryRecord(v, envelope);
      return m.ok ? undefined : m.reason;
    };
    expect(reason([1])).toMatch(/not a JSON object/);
    expect(reason({ ...newTrack, ts: 'yesterday' })).toMatch(/^ts:/);
    expect(reason({ ...newTrack, ms_played: -1 })).toMatch(/^ms_played:/);
    expect(reason({ ...newTrack, spotify_track_uri: 'spotify:album:x' })).toMatch(
      /^spotify_track_uri/,
    );
  });

  it('tells an extended history play from account data', () => {
    expect(looksLikeStreamingHistory(newTrack)).toBe(true);
    expect(looksLikeStreamingHistory({ endTime: '2024-01-01 10:00', msPlayed: 1 })).toBe(false);
  });
});
