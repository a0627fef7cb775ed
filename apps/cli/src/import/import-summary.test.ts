import { describe, expect, it } from 'vitest';
import { importSummary } from './import-summary.ts';

describe('importSummary', () => {
  it('counts plays, dead letters, unresolved plays, refused files and the search cache', () => {
    const text = importSummary({
      unit: 'plays',
      topic: 'spotify.streaming-history.v1',
      outcomes: [
        {
          file: 'a.json',
          status: 'imported',
          resumedAt: 0,
          records: 10,
          deadLettered: 3,
          unresolved: 2,
        },
        {
          file: 'b.json',
          status: 'skipped',
          resumedAt: 5,
          records: 0,
          deadLettered: 0,
          unresolved: 0,
        },
      ],
      failures: [
        { file: 'c.json', message: 'c.json, element 0, byte 1: not an account-data play' },
      ],
      resolution: { cached: 4, searched: 6, notFound: 2 },
    });
    expect(text.split('\n')).toEqual([
      'Imported 1 of 3 files: 10 plays sent to spotify.streaming-history.v1, 3 dead-lettered to spotify.streaming-history.v1.dlq (2 plays whose track search did not find).',
      '  a.json: 10 plays sent, 3 dead-lettered (2 not found by search)',
      '  b.json: already imported, skipped',
      '  c.json: NOT IMPORTED: c.json, element 0, byte 1: not an account-data play',
      'Track search: 10 distinct (artist, track) pairs, 4 from the cache, 6 searched (2 not found).',
      'The consumers land them in raw; the next transform run puts them in the warehouse.',
    ]);
  });
});
