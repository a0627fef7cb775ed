import { describe, expect, it } from 'vitest';
import { catalogueRefsOf } from './catalogue-refs.ts';

describe('catalogueRefsOf', () => {
  it('collects referenced artist and album ids once each', () => {
    const refs = catalogueRefsOf([
      { track_id: 't1', album_id: 'al1', artist_ids: ['a1', 'a2'], item_json: '{}' },
      { track_id: 't2', album_id: 'al1', artist_ids: ['a2'], item_json: '{}' },
      { track_id: 't3', album_id: null, artist_ids: [], item_json: '{}' },
    ]);
    expect([...refs.wanted.get('artist')!]).toEqual(['a1', 'a2']);
    expect([...refs.wanted.get('album')!]).toEqual(['al1']);
    expect(refs.known.get('artist')!.size).toBe(0);
  });

  it('keeps whole artists and albums the records carry, and does not ask for them', () => {
    const artist = { id: 'a1', name: 'Ärtist <b>', type: 'artist' };
    const album = { id: 'al9', name: 'An album', artists: [{ id: 'a3' }] };
    const refs = catalogueRefsOf([
      { artist_id: 'a1', artist_name: artist.name, item_json: JSON.stringify(artist) },
      {
        album_id: 'al9',
        album_name: album.name,
        artist_ids: ['a3', 'a1'],
        item_json: JSON.stringify({ added_at: '2026-01-01T00:00:00Z', album }),
      },
    ]);
    expect(refs.known.get('artist')!.get('a1')).toEqual(artist);
    expect(refs.known.get('album')!.get('al9')).toEqual(album);
    expect([...refs.wanted.get('artist')!]).toEqual(['a3']);
    expect([...refs.wanted.get('album')!]).toEqual([]);
  });

  it('ignores an item_json that is not JSON rather than failing the batch', () => {
    const refs = catalogueRefsOf([{ artist_id: 'a1', artist_name: 'x', item_json: '{oops' }]);
    expect(refs.known.get('artist')!.size).toBe(0);
  });
});
