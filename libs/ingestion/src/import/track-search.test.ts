import { describe, expect, it } from 'vitest';
import { pickTrack, searchQuery } from './track-search.ts';

const hit = (id: string, name: string, ...artists: string[]) => ({
  id,
  name,
  artists: artists.map((a) => ({ name: a })),
});

describe('pickTrack', () => {
  const names = { artistName: 'The Band', trackName: 'Intro' };

  it('takes the best-ranked hit with the same name and artist, case and spaces aside', () => {
    const hits = [
      hit('a', 'Intro', 'The xx'),
      hit('b', ' intro ', 'Guest', 'THE BAND'),
      hit('c', 'Intro', 'The Band'),
    ];
    expect(pickTrack(hits, names)).toBe('b');
  });

  it('finds nothing rather than a wrong track', () => {
    expect(
      pickTrack([hit('a', 'Intro', 'The xx'), hit('b', 'Intro (Live)', 'The Band')], names),
    ).toBeNull();
    expect(pickTrack([], names)).toBeNull();
  });
});

describe('searchQuery', () => {
  it('narrows by track and artist, the names own quotes dropped', () => {
    expect(searchQuery({ artistName: 'AC/DC', trackName: 'T.N.T "live"' })).toBe(
      'track:T.N.T  live  artist:AC/DC',
    );
  });
});
