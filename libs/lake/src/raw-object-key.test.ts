import { describe, expect, it } from 'vitest';
import { parseRawObjectKey, rawObjectKey } from './raw-object-key.ts';

const location = {
  topic: 'spotify.recent-plays.v1',
  userId: 'alice',
  date: new Date('2026-11-22T23:59:59Z'),
  partition: 2,
  firstOffset: '100',
  lastOffset: '149',
};

describe('rawObjectKey', () => {
  it('builds the Hive-style key of the data contract', () => {
    expect(rawObjectKey(location)).toBe(
      'spotify.recent-plays.v1/user_id=alice/date=2026-11-22/2-100-149.ndjson',
    );
  });

  it('is deterministic, so a redelivered batch overwrites the same object', () => {
    expect(rawObjectKey({ ...location })).toBe(rawObjectKey(location));
  });

  it('escapes user ids that contain path characters', () => {
    const key = rawObjectKey({ ...location, userId: 'a/b c' });
    expect(key).toContain('user_id=a%2Fb%20c/');
    expect(parseRawObjectKey(key)?.userId).toBe('a/b c');
  });

  it('round-trips through parseRawObjectKey', () => {
    expect(parseRawObjectKey(rawObjectKey(location))).toEqual({
      topic: 'spotify.recent-plays.v1',
      userId: 'alice',
      date: '2026-11-22',
      partition: 2,
      firstOffset: '100',
      lastOffset: '149',
    });
  });

  it('refuses offsets that are not in order', () => {
    expect(() => rawObjectKey({ ...location, firstOffset: '150' })).toThrow(/after last offset/);
    expect(() => rawObjectKey({ ...location, firstOffset: '-1' })).toThrow(/decimal/);
  });

  it('does not parse foreign keys', () => {
    expect(parseRawObjectKey('something/else.json')).toBeUndefined();
  });
});
