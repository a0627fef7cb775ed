import type { LiveArtist, LivePlay } from './live-play.ts';

/*
 * The two kinds of play records, told apart by their time field: recent-plays carry
 * `played_at` (and the API's item, with every artist's id and name), streaming-history
 * records (imports and replays) carry `ts` and the album artist's name only. Both times
 * are when the play ended. Values come decoded from Avro: timestamp-millis may be a
 * number or a Date, so both are read through Number().
 */

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function apiArtists(value: Record<string, unknown>): LiveArtist[] {
  try {
    const item = JSON.parse(String(value.item_json)) as {
      track?: { artists?: Array<{ id?: unknown; name?: unknown }> };
    };
    const artists = (item.track?.artists ?? []).flatMap((a) => {
      const name = text(a.name);
      return name ? [{ name, id: text(a.id) }] : [];
    });
    if (artists.length > 0) return artists;
  } catch {
    // An item that is not JSON: fall back to the typed ids below.
  }
  // Without names, the ids stand in for them: the play still counts for its artists.
  const ids = Array.isArray(value.artist_ids) ? value.artist_ids : [];
  return ids.flatMap((id) => (typeof id === 'string' ? [{ name: id, id }] : []));
}

/**
 * A decoded recent-plays or streaming-history record as a live play; null for what the
 * live top-N does not count (podcast episodes, local files: no track id) or a record of
 * neither kind.
 */
export function livePlayOf(value: Record<string, unknown>): LivePlay | null {
  const userId = text(value.user_id);
  const trackId = text(value.track_id);
  if (!userId || !trackId) return null;
  if ('played_at' in value) {
    const playedAt = Number(value.played_at);
    if (!Number.isFinite(playedAt)) return null;
    return {
      userId,
      playedAt,
      trackId,
      trackName: text(value.track_name),
      artists: apiArtists(value),
    };
  }
  if ('ts' in value) {
    const playedAt = Number(value.ts);
    if (!Number.isFinite(playedAt)) return null;
    const artist = text(value.artist_name);
    return {
      userId,
      playedAt,
      trackId,
      trackName: text(value.track_name),
      artists: artist ? [{ name: artist, id: null }] : [],
    };
  }
  return null;
}
