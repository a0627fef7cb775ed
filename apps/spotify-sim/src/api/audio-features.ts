/*
 * Audio features, available only in the extended-legacy profile: derived from the
 * track id and seed so they are stable, and nudged by genre so they mean something.
 */
import type { Catalogue, Track } from '../world/catalogue.ts';
import { createRng } from '../world/prng.ts';

const ENERGY_BY_GENRE: Record<string, number> = {
  techno: 0.85,
  'hip hop': 0.7,
  'j-pop': 0.65,
  'indie rock': 0.7,
  'russian post-punk': 0.6,
  'arabic pop': 0.6,
  chanson: 0.4,
  jazz: 0.3,
};

const round = (x: number) => Math.round(x * 1000) / 1000;
const clamp = (x: number) => Math.min(1, Math.max(0, x));

export function audioFeatures(
  seed: number,
  catalogue: Catalogue,
  apiBase: string,
  track: Track,
): Record<string, unknown> {
  const rng = createRng(seed, 'audio-features', track.id);
  const genre = catalogue.artists.get(track.artistIds[0] ?? '')?.genre ?? '';
  const energy = ENERGY_BY_GENRE[genre] ?? 0.5;
  return {
    acousticness: round(clamp(1 - energy + (rng.next() - 0.5) * 0.3)),
    analysis_url: `${apiBase}/audio-analysis/${track.id}`,
    danceability: round(clamp(energy * 0.8 + rng.next() * 0.3)),
    duration_ms: track.durationMs,
    energy: round(clamp(energy + (rng.next() - 0.5) * 0.3)),
    id: track.id,
    instrumentalness: round(
      genre === 'techno' || genre === 'jazz' ? 0.5 + rng.next() * 0.5 : rng.next() * 0.1,
    ),
    key: rng.int(-1, 11),
    liveness: round(rng.next() * 0.4),
    loudness: round(-20 + energy * 15 + rng.next() * 3),
    mode: rng.int(0, 1),
    speechiness: round(genre === 'hip hop' ? 0.2 + rng.next() * 0.3 : rng.next() * 0.1),
    tempo: round(genre === 'techno' ? 120 + rng.next() * 20 : 70 + rng.next() * 100),
    time_signature: rng.pick([3, 4, 4, 4, 5]),
    track_href: `${apiBase}/tracks/${track.id}`,
    type: 'audio_features',
    uri: `spotify:track:${track.id}`,
    valence: round(rng.next()),
  };
}
