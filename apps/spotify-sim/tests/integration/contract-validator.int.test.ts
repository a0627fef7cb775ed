/* The contract check itself must reject bad bodies, or the other tests prove nothing. */
import { describe, expect, it } from 'vitest';
import { removedFieldsIn, templateFor, validateResponse } from './support/contract.ts';

describe('contract validator', () => {
  it('maps paths to spec operations, literal segments first', () => {
    expect(templateFor('/me/top/tracks')).toBe('/me/top/tracks');
    expect(templateFor('/playlists/abc/items')).toBe('/playlists/{playlist_id}/items');
  });

  it('rejects bodies that break the schema', () => {
    expect(
      validateResponse('dev-mode-2026', '/me/top/tracks', { items: [{ album: { id: 1 } }] }),
    ).not.toEqual([]);
    expect(
      validateResponse('dev-mode-2026', '/me/player/recently-played', { next: null }),
    ).not.toEqual([]);
    expect(validateResponse('extended-legacy', '/albums/x', { id: 'x' })).not.toEqual([]);
  });

  it('finds removed fields at any depth', () => {
    expect(removedFieldsIn({ items: [{ track: { popularity: 1 } }] })).toEqual([
      '/items/0/track/popularity',
    ]);
  });
});
