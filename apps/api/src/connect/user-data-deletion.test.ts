import { describe, expect, it } from 'vitest';
import { isUserObject } from './user-data-deletion.ts';

describe('isUserObject', () => {
  it('matches the user_id=<id>/ folder at any depth, and only that user’s', () => {
    expect(
      isUserObject('spotify.recent-plays.v1/user_id=ana/date=2026-01-01/0-1-2.ndjson', 'ana'),
    ).toBe(true);
    expect(isUserObject('user_id=ana/part.parquet', 'ana')).toBe(true);
    expect(
      isUserObject('spotify.recent-plays.v1/user_id=anabel/date=2026-01-01/x.ndjson', 'ana'),
    ).toBe(false);
    expect(isUserObject('plays/played_date=2026-01-01/data_0.parquet', 'ana')).toBe(false);
    // ids are percent-encoded in keys, as rawObjectKey writes them
    expect(isUserObject('t/user_id=a%2Fb/date=2026-01-01/x.ndjson', 'a/b')).toBe(true);
    expect(isUserObject('t/user_id=a/b/date=2026-01-01/x.ndjson', 'a/b')).toBe(false);
  });
});
