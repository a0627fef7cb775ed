import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readHistoryPlays } from './read-history-plays.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const exportPlay = (ts: string, track: string | null) => ({
  ts,
  ms_played: 120_000,
  master_metadata_track_name: track ? `Song ${track}` : null,
  master_metadata_album_artist_name: track ? 'Band' : null,
  spotify_track_uri: track ? `spotify:track:${track}` : null,
  ip_addr: '192.0.2.1',
});

describe('readHistoryPlays', () => {
  it('reads every history file of a folder into one list in event-time order', async () => {
    dir = await mkdtemp(join(tmpdir(), 'replay-read-'));
    await writeFile(
      join(dir, 'Streaming_History_Audio_2024_1.json'),
      JSON.stringify([
        exportPlay('2024-05-01T10:00:00Z', 'b'),
        exportPlay('2024-01-01T10:00:00Z', 'a'),
      ]),
    );
    await writeFile(
      join(dir, 'Streaming_History_Audio_2023.json'),
      JSON.stringify([exportPlay('2024-03-01T10:00:00Z', 'c'), { ts: 'never', ms_played: 1 }]),
    );
    await writeFile(join(dir, 'Userdata.json'), '{}');
    const files: string[] = [];
    const result = await readHistoryPlays({
      paths: [dir],
      userId: 'ana',
      runId: 'replay-test',
      onFile: (file, plays) => files.push(`${file}:${plays}`),
    });
    expect(files).toEqual([
      'Streaming_History_Audio_2023.json:1',
      'Streaming_History_Audio_2024_1.json:2',
    ]);
    expect(result.skipped).toBe(1);
    expect(result.plays.map((p) => p.track_id)).toEqual(['a', 'c', 'b']);
    expect(result.plays[0]).toMatchObject({
      user_id: 'ana',
      run_id: 'replay-test',
      endpoint: 'replay Streaming_History_Audio_2024_1.json',
      ts: Date.parse('2024-01-01T10:00:00Z'),
      artist_name: 'Band',
    });
    expect(result.plays[0]!.item_json).not.toContain('192.0.2.1');
  });

  it('refuses a file that is not streaming history', async () => {
    dir = await mkdtemp(join(tmpdir(), 'replay-read-'));
    const path = join(dir, 'Streaming_History_Audio_2024.json');
    await writeFile(path, JSON.stringify([{ endTime: '2024-01-01 10:00', msPlayed: 1 }]));
    await expect(
      readHistoryPlays({ paths: [path], userId: 'ana', runId: 'r' }),
    ).rejects.toMatchObject({
      code: 'WRONG_SHAPE',
    });
  });
});
