import { describe, expect, it } from 'vitest';
import { fromNdjson } from '@spotify-insights/lake';
import { itemJsonText, type RawLine } from './raw-line.ts';
import { rawObjectsFor } from './raw-objects.ts';

const day1 = Date.parse('2026-11-22T23:59:00Z');
const day2 = Date.parse('2026-11-23T00:01:00Z');

function record(offset: number, user: string, fetchedAt: number) {
  return {
    offset: String(offset),
    schemaId: 7,
    value: {
      user_id: user,
      fetched_at: fetchedAt,
      endpoint: 'GET /me/player/recently-played',
      run_id: 'run-1',
      track_id: `t${offset}`,
      item_json: JSON.stringify({ played_at: 'x', track: { id: `t${offset}`, name: '<script>' } }),
    },
  };
}

describe('rawObjectsFor', () => {
  const records = [
    record(10, 'alice', day1),
    record(11, 'bob', day1),
    record(12, 'alice', day2),
    record(13, 'alice', day1),
  ];
  const objects = rawObjectsFor('spotify.recent-plays.v1', 2, records);

  it("writes one object per user and fetch day, named by that group's offsets", () => {
    expect(objects.map((o) => o.key).sort()).toEqual([
      'spotify.recent-plays.v1/user_id=alice/date=2026-11-22/2-10-13.ndjson',
      'spotify.recent-plays.v1/user_id=alice/date=2026-11-23/2-12-12.ndjson',
      'spotify.recent-plays.v1/user_id=bob/date=2026-11-22/2-11-11.ndjson',
    ]);
  });

  it('is deterministic for the same chunk', () => {
    expect(rawObjectsFor('spotify.recent-plays.v1', 2, records)).toEqual(objects);
  });

  it('keeps the API item as received, with the envelope and the typed fields', () => {
    const alice = objects.find((o) => o.key.includes('alice/date=2026-11-22'))!;
    const lines = fromNdjson<RawLine>(alice.body);
    expect(alice.records).toBe(2);
    expect(lines[0]).toEqual({
      envelope: {
        user_id: 'alice',
        fetched_at: day1,
        endpoint: 'GET /me/player/recently-played',
        run_id: 'run-1',
        topic: 'spotify.recent-plays.v1',
        partition: 2,
        offset: '10',
        schema_id: 7,
      },
      fields: { track_id: 't10' },
      item: { played_at: 'x', track: { id: 't10', name: '<script>' } },
    });
  });
});

describe('itemJsonText', () => {
  it('keeps the text the producer sent when it is JSON on one line', () => {
    expect(itemJsonText('{"b": 1,  "a": [2]}')).toBe('{"b": 1,  "a": [2]}');
  });

  it('writes JSON spread over lines on one line, the same value', () => {
    expect(itemJsonText('{\n  "a": "x\\ny"\r\n}')).toBe('{"a":"x\\ny"}');
  });

  it('is null for a record without an item, and throws for text that is not JSON', () => {
    expect(itemJsonText(null)).toBe('null');
    expect(() => itemJsonText('{"a":')).toThrow(SyntaxError);
  });
});
