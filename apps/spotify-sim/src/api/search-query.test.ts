import { describe, expect, it } from 'vitest';
import { hasAllWords, parseSearchQuery } from './search-query.ts';

describe('parseSearchQuery', () => {
  it('splits a track search into name words and artist words', () => {
    expect(parseSearchQuery('track:Never Gonna artist:Rick  Astley')).toEqual({
      nameWords: ['never', 'gonna'],
      artistWords: ['rick', 'astley'],
    });
  });

  it('reads plain words and other filters as name words', () => {
    expect(parseSearchQuery('daft year:2001 punk')).toEqual({
      nameWords: ['daft', '2001', 'punk'],
      artistWords: [],
    });
  });

  it('matches every word, case aside', () => {
    expect(hasAllWords('Never Gonna Give', ['gonna', 'never'])).toBe(true);
    expect(hasAllWords('Never Gonna Give', ['gonna', 'up'])).toBe(false);
  });
});
