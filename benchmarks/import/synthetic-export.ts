import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '../transform/synthetic-catalogue.ts';

/*
 * A user's extended streaming history export as Spotify writes it: folders of
 * Streaming_History_Audio_<years>_<n>.json, each a JSON array of play objects with every
 * field of the 2024 format (an object of about 600 bytes). Plays are a year of
 * listening, one after another (2.5 to 4.5 minutes apart: all distinct plays, none
 * twice), over a few thousand tracks by a few hundred artists. Elements are built as
 * strings, one a line, so a million plays are written in seconds.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const WORDS = ['Midnight', 'Echoes', 'Blue', 'Heart', 'Run', 'Sommer', 'Lumière', '群青', 'Река'];
const PLATFORMS = ['android', 'ios', 'windows', 'osx', 'web_player'];
const COUNTRIES = ['DE', 'FR', 'JP', 'US', 'BR'];
const REASONS = ['trackdone', 'fwdbtn', 'clickrow', 'playbtn', 'backbtn'];

interface Track {
  /** The track's own members of a play object, as JSON. */
  json: string;
  durationMs: number;
}

function spotifyId(random: () => number): string {
  let id = '';
  for (let i = 0; i < 22; i++) id += BASE62[Math.floor(random() * 62)];
  return id;
}

function catalogue(count: number, random: () => number): Track[] {
  const word = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const artists = Array.from(
    { length: Math.max(1, Math.floor(count / 16)) },
    (_, i) => `${word()} ${i}`,
  );
  return Array.from({ length: count }, (_, i) => {
    const artist = artists[i % artists.length]!;
    return {
      json:
        `"master_metadata_track_name":${JSON.stringify(`${word()} ${word()} ${i}`)},` +
        `"master_metadata_album_artist_name":${JSON.stringify(artist)},` +
        `"master_metadata_album_album_name":${JSON.stringify(`${word()} LP ${i % 500}`)},` +
        `"spotify_track_uri":"spotify:track:${spotifyId(random)}"`,
      durationMs: 150_000 + Math.floor(random() * 150_000),
    };
  });
}

export interface GeneratedExport {
  /** One folder per user: what `import history --user <id> <folder>` is given. */
  folders: Array<{ userId: string; folder: string; files: string[] }>;
  plays: number;
  bytes: number;
}

export async function generateExports(input: {
  dir: string;
  userIds: readonly string[];
  plays: number;
  playsPerFile: number;
  tracks: number;
  end: Date;
}): Promise<GeneratedExport> {
  const random = seededRandom(42);
  const tracks = catalogue(input.tracks, random);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const result: GeneratedExport = { folders: [], plays: 0, bytes: 0 };
  for (const [u, userId] of input.userIds.entries()) {
    const count =
      Math.floor(input.plays / input.userIds.length) +
      (u < input.plays % input.userIds.length ? 1 : 0);
    const folder = join(input.dir, userId, 'Spotify Extended Streaming History');
    await mkdir(folder, { recursive: true });
    const files: string[] = [];
    // Backwards from `end`, so the newest play is recent whatever the count.
    let ts = input.end.getTime() - count * 210_000;
    for (let first = 0, n = 0; first < count; first += input.playsPerFile, n++) {
      const elements: string[] = [];
      for (let i = first; i < Math.min(count, first + input.playsPerFile); i++) {
        ts += 150_000 + Math.floor(random() * 120_000);
        const track = pick(tracks);
        const skipped = random() < 0.15;
        const ms = skipped ? Math.floor(random() * 30_000) : track.durationMs;
        elements.push(
          `{"ts":"${new Date(ts).toISOString().slice(0, 19)}Z","platform":"${pick(PLATFORMS)}",` +
            `"ms_played":${ms},"conn_country":"${pick(COUNTRIES)}","ip_addr":"203.0.113.${u}",` +
            `${track.json},"episode_name":null,"episode_show_name":null,"spotify_episode_uri":null,` +
            `"audiobook_title":null,"audiobook_uri":null,"audiobook_chapter_uri":null,"audiobook_chapter_title":null,` +
            `"reason_start":"${pick(REASONS)}","reason_end":"${skipped ? 'fwdbtn' : 'trackdone'}",` +
            `"shuffle":${random() < 0.4},"skipped":${skipped},"offline":false,"offline_timestamp":${Math.floor(ts / 1000)},` +
            `"incognito_mode":false}`,
        );
      }
      const text = `[\n${elements.join(',\n')}\n]`;
      const path = join(folder, `Streaming_History_Audio_2025-2026_${n}.json`);
      await writeFile(path, text);
      files.push(path);
      result.bytes += Buffer.byteLength(text);
    }
    result.plays += count;
    result.folders.push({ userId, folder, files });
  }
  return result;
}
