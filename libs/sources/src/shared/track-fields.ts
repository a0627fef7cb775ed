import type { Track } from '@spotify-insights/spotify';

/** The track columns that plays and saved tracks share. */
export function trackFields(track: Track) {
  return {
    track_id: track.id,
    track_name: track.name,
    duration_ms: track.duration_ms,
    isrc: track.external_ids?.isrc ?? null,
    album_id: track.album.id,
    artist_ids: track.artists.map((artist) => artist.id),
  };
}
