/*
 * A search query as the simulator reads it: plain words match an item's name; the
 * `track:` filter's words match a track's name too; `artist:` words match one of a
 * track's artists (as Spotify's field filters narrow a track search). A filter's words
 * run to the next filter. Other filters (year:, album:, genre:…) are accepted and their
 * words match the name, as before.
 */

export interface SearchQuery {
  /** Lower-case words that must all be in the item's name. */
  nameWords: string[];
  /** Lower-case words that must all be in one artist's name (tracks only). */
  artistWords: string[];
}

const FILTER = /^([a-z]+):(.*)$/;

export function parseSearchQuery(q: string): SearchQuery {
  const query: SearchQuery = { nameWords: [], artistWords: [] };
  let into = query.nameWords;
  for (const token of q.toLowerCase().split(/\s+/).filter(Boolean)) {
    const filter = FILTER.exec(token);
    let word = token;
    if (filter) {
      into = filter[1] === 'artist' ? query.artistWords : query.nameWords;
      word = filter[2]!;
    }
    if (word) into.push(word);
  }
  return query;
}

/** Every word is in `text` (lower-cased). */
export const hasAllWords = (text: string, words: readonly string[]): boolean => {
  const lower = text.toLowerCase();
  return words.every((w) => lower.includes(w));
};
