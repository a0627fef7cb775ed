/** The two kinds of catalogue object enrichment knows. */
export type CatalogueKind = 'artist' | 'album';

/** What one batch of records says about the catalogue. */
export interface CatalogueRefs {
  /** Ids referenced by the records: fetched once each unless already known. */
  wanted: Map<CatalogueKind, Set<string>>;
  /** Whole objects the records already carry: stored without any call. */
  known: Map<CatalogueKind, Map<string, unknown>>;
}

type AnyRecord = Record<string, unknown>;

function parseItem(record: AnyRecord): Record<string, unknown> | undefined {
  if (typeof record['item_json'] !== 'string') return undefined;
  try {
    return JSON.parse(record['item_json']) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Reads catalogue references off source records by the typed fields every schema names
 * the same way, so a new source needs no change here:
 *   `artist_ids` / `album_id`          references (a play's artists, a saved track's album)
 *   `artist_id` with `artist_name`     the record is an artist: item_json is the whole artist
 *   `album_id` with `album_name`       the record is a saved album: item_json.album is the album
 */
export function catalogueRefsOf(records: readonly object[]): CatalogueRefs {
  const wanted = new Map<CatalogueKind, Set<string>>([
    ['artist', new Set()],
    ['album', new Set()],
  ]);
  const known = new Map<CatalogueKind, Map<string, unknown>>([
    ['artist', new Map()],
    ['album', new Map()],
  ]);
  for (const record of records as AnyRecord[]) {
    const artistIds = record['artist_ids'];
    if (Array.isArray(artistIds))
      for (const id of artistIds) if (typeof id === 'string') wanted.get('artist')!.add(id);
    const albumId = record['album_id'];
    if (typeof albumId === 'string') wanted.get('album')!.add(albumId);

    if (typeof record['artist_id'] === 'string' && typeof record['artist_name'] === 'string') {
      const artist = parseItem(record);
      if (artist) known.get('artist')!.set(record['artist_id'], artist);
    }
    if (typeof albumId === 'string' && typeof record['album_name'] === 'string') {
      const album = parseItem(record)?.['album'];
      if (album && typeof album === 'object') known.get('album')!.set(albumId, album);
    }
  }
  // What a record carries whole needs no call.
  for (const [kind, items] of known) for (const id of items.keys()) wanted.get(kind)!.delete(id);
  return { wanted, known };
}
