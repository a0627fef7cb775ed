import { describe, expect, it } from 'vitest';
import { parseReplayArgs } from './replay-command.ts';

describe('parseReplayArgs', () => {
  it('reads the user, the speed, the gap and the paths', () => {
    expect(
      parseReplayArgs(['--user', 'ana', '--speed', '60', '--max-gap', '5m', 'a.json', 'dir']),
    ).toEqual({
      userId: 'ana',
      speed: 60,
      maxGapMs: 300_000,
      topic: 'spotify.replay-plays.v1',
      paths: ['a.json', 'dir'],
    });
    expect(parseReplayArgs(['--user', 'ana', '--speed', 'max', 'dir'])).toMatchObject({
      speed: 'max',
    });
    expect(parseReplayArgs(['--user', 'ana', 'dir'])).toMatchObject({
      speed: 1,
      maxGapMs: undefined,
    });
  });

  it('says what is wrong', () => {
    expect(parseReplayArgs(['dir'])).toBe('--user is required');
    expect(parseReplayArgs(['--user', 'ana'])).toMatch(/name the export files/);
    expect(parseReplayArgs(['--user', 'ana', '--speed', 'fast', 'dir'])).toMatch(/speed "fast"/);
    expect(parseReplayArgs(['--user', 'ana', '--max-gap', 'long', 'dir'])).toMatch(
      /--max-gap "long"/,
    );
    expect(parseReplayArgs(['--user', 'ana', '--colour', 'dir'])).toMatch(/colour/);
  });
});
