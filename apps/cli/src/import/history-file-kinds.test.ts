import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { historyFilesByKind } from './history-file-kinds.ts';

const dir = mkdtempSync(join(tmpdir(), 'history-kinds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const names = (files: string[]) => files.map((f) => basename(f));

describe('historyFilesByKind', () => {
  const extended = join(dir, 'Spotify Extended Streaming History');
  const account = join(dir, 'Spotify Account Data');
  mkdirSync(extended);
  mkdirSync(account);
  for (const name of [
    'Streaming_History_Audio_2024_0.json',
    'endsong_1.json',
    'Streaming_History_Video_2024.json',
  ])
    writeFileSync(join(extended, name), '[]');
  for (const name of [
    'StreamingHistory0.json',
    'StreamingHistory_music_1.json',
    'StreamingHistory_podcast_0.json',
    'Userdata.json',
  ])
    writeFileSync(join(account, name), '[]');

  it('finds both kinds in a folder tree, music account data only', async () => {
    const found = await historyFilesByKind([dir]);
    expect(names(found.extended)).toEqual([
      'endsong_1.json',
      'Streaming_History_Audio_2024_0.json',
    ]);
    expect(names(found.account)).toEqual([
      'StreamingHistory_music_1.json',
      'StreamingHistory0.json',
    ]);
  });

  it('takes a file named on the command line by its name (a podcast one, to be refused with a reason)', async () => {
    const found = await historyFilesByKind([join(account, 'StreamingHistory_podcast_0.json')]);
    expect(names(found.account)).toEqual(['StreamingHistory_podcast_0.json']);
    expect(found.extended).toEqual([]);
  });
});
