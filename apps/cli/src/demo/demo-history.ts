import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knex } from 'knex';

/*
 * The demo's stand-in for a friend's own Spotify export: a year of plays of the tracks
 * the warehouse already knows (so every play has its artists and album), written as
 * Spotify writes Streaming_History_Audio_*.json. Generated once per machine and kept in
 * .local/demo/, so running the demo again imports the same file, which the importer
 * recognises by its SHA-256 and skips: the warehouse never gets a second, different year.
 */

export interface DemoTrack {
  id: string;
  name: string;
  artist: string;
  album: string | null;
  durationMs: number;
}

/** Tracks the warehouse knows with their first artist, most played first (a user's taste). */
export async function knownTracks(db: Knex, limit = 300): Promise<DemoTrack[]> {
  const rows = await db.raw<{ rows: Array<Record<string, unknown>> }>(
    `select t.spotify_track_id as id, t.track_name as name, a.artist_name as artist,
            al.album_name as album, coalesce(t.duration_ms, 200000) as duration_ms
     from warehouse.dim_track t
     join warehouse.bridge_track_artist b on b.track_key = t.track_key and b.artist_position = 0
     join warehouse.dim_artist a on a.artist_key = b.artist_key
     left join warehouse.dim_album al on al.album_key = t.album_key
     left join warehouse.fct_play f on f.track_key = t.track_key
     where t.spotify_track_id is not null
     group by 1, 2, 3, 4, 5
     order by count(f.*) desc, t.spotify_track_id
     limit ?`,
    [limit],
  );
  return rows.rows.map((row) => ({
    id: String(row['id']),
    name: String(row['name']),
    artist: String(row['artist']),
    album: (row['album'] as string | null) ?? null,
    durationMs: Number(row['duration_ms']),
  }));
}

const PLATFORMS = ['android', 'ios', 'osx', 'web_player'];
// When people listen: a morning commute, a working afternoon, a long evening.
const HOUR_WEIGHTS = [1, 0, 0, 0, 0, 1, 3, 6, 7, 4, 3, 3, 4, 4, 3, 3, 4, 6, 7, 8, 8, 7, 5, 3];

function weightedHour(random: () => number): number {
  const total = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  let pick = random() * total;
  for (const [hour, weight] of HOUR_WEIGHTS.entries()) {
    pick -= weight;
    if (pick < 0) return hour;
  }
  return 20;
}

/** One export element of a play that started at `startedAt` (ms); `ts` is when it ended. */
function exportPlay(
  track: DemoTrack,
  startedAt: number,
  random: () => number,
): { element: object; endedAt: number } {
  const skipped = random() < 0.22;
  const msPlayed = skipped
    ? Math.floor(3_000 + random() * 40_000)
    : Math.min(track.durationMs, Math.floor(track.durationMs * (0.9 + random() * 0.2)));
  const endedAt = startedAt + msPlayed;
  const element = {
    // Spotify writes seconds only
    ts: new Date(endedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    platform: PLATFORMS[Math.floor(random() * PLATFORMS.length)],
    ms_played: msPlayed,
    conn_country: 'DE',
    ip_addr: '192.0.2.1',
    master_metadata_track_name: track.name,
    master_metadata_album_artist_name: track.artist,
    master_metadata_album_album_name: track.album,
    spotify_track_uri: `spotify:track:${track.id}`,
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    reason_start: random() < 0.7 ? 'trackdone' : 'clickrow',
    reason_end: skipped ? 'fwdbtn' : 'trackdone',
    shuffle: random() < 0.4,
    skipped,
    offline: false,
    offline_timestamp: null,
    incognito_mode: random() < 0.01,
  };
  return { element, endedAt };
}

/**
 * A year of listening ending yesterday: 5 to 60 plays a day, in sessions, tracks chosen
 * with a long tail (a few favourites played a lot). Returns the file, generating it on
 * the first call only.
 */
export async function demoHistoryFile(
  dir: string,
  userId: string,
  tracks: readonly DemoTrack[],
  today = new Date(),
): Promise<{ file: string; generated: boolean }> {
  const folder = join(dir, userId);
  const file = join(folder, 'Streaming_History_Audio_demo_0.json');
  if (existsSync(file)) return { file, generated: false };
  if (tracks.length === 0) throw new Error('no tracks in the warehouse to build a history from');

  const random = Math.random; // generated once and kept: it need not repeat itself
  const favourite = () => tracks[Math.floor(tracks.length * random() ** 2.5)]!;
  const plays: object[] = [];
  const dayMs = 86_400_000;
  const lastDay = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - dayMs;
  for (let day = lastDay - 364 * dayMs; day <= lastDay; day += dayMs) {
    const sessions = 1 + Math.floor(random() * 4);
    const starts = Array.from({ length: sessions }, () => weightedHour(random)).sort(
      (a, b) => a - b,
    );
    let previousEnd = day;
    for (const hour of starts) {
      let at = Math.max(day + hour * 3_600_000 + Math.floor(random() * 3_000_000), previousEnd);
      const length = 3 + Math.floor(random() * 15);
      for (let i = 0; i < length; i++) {
        const { element, endedAt } = exportPlay(favourite(), at, random);
        plays.push(element);
        at = endedAt + 1_000;
      }
      previousEnd = at + 60_000;
    }
  }
  await mkdir(folder, { recursive: true });
  await writeFile(file, JSON.stringify(plays, null, 1));
  return { file, generated: true };
}
