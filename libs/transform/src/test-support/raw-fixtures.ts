import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STAGING_TABLES } from '../stage/staging-tables.ts';

/*
 * Real raw lines, two or three per topic, copied from the local stack's `raw` bucket
 * (the simulated friend group, dev-mode-2026 profile: no popularity, followers or
 * genres). Tests change copies of them to build each case.
 */

// The loose shape of a raw line (libs/ingestion's RawLine), for tests to edit.
export interface RawLine {
  envelope: { user_id: string; fetched_at: number; run_id: string; [key: string]: unknown };
  fields: Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API item, edited freely
  item: any;
}

export const FIXTURES_DIR = join(import.meta.dirname, 'raw-fixtures');

export const fixturePath = (topic: string): string => join(FIXTURES_DIR, `${topic}.ndjson`);

/** Fresh copies of a topic's fixture lines. */
export const fixtureLines = (topic: string): RawLine[] =>
  readFileSync(fixturePath(topic), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RawLine);

/** A fresh copy of one fixture line. */
export const fixtureLine = (topic: string, index = 0): RawLine => {
  const line = fixtureLines(topic)[index];
  if (line === undefined) throw new Error(`${topic} has no fixture line ${index}`);
  return line;
};

/** Every fixture file, as stageRawFiles takes them. */
export const fixtureFiles = (): Array<{ topic: string; path: string }> =>
  STAGING_TABLES.map(({ topic }) => ({ topic, path: fixturePath(topic) }));

export const TOPIC = {
  recentPlays: 'spotify.recent-plays.v1',
  likedSongs: 'spotify.liked-songs.v1',
  topSongs: 'spotify.top-songs.v1',
  topArtists: 'spotify.top-artists.v1',
  savedPlaylists: 'spotify.saved-playlists.v1',
  playlistItems: 'spotify.playlist-items.v1',
  followingArtists: 'spotify.following-artists.v1',
  savedAlbums: 'spotify.saved-albums.v1',
  streamingHistory: 'spotify.streaming-history.v1',
  charts: 'spotify.charts.v1',
} as const;

/** The fixtures were fetched on 2026-11-23 around 01:47 UTC. */
export const FIXTURE_NOW = new Date('2026-11-23T12:00:00Z');
