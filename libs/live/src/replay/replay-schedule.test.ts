import { describe, expect, it } from 'vitest';
import { dueUntil, parseReplaySpeed, replayOffsets } from './replay-schedule.ts';

describe('parseReplaySpeed', () => {
  it('takes a positive factor or max', () => {
    expect(parseReplaySpeed('1')).toBe(1);
    expect(parseReplaySpeed('60')).toBe(60);
    expect(parseReplaySpeed('0.5')).toBe(0.5);
    expect(parseReplaySpeed('max')).toBe('max');
  });

  it('refuses anything else with BAD_SPEED', () => {
    for (const text of ['0', '-2', 'fast', '', 'Infinity']) {
      expect(() => parseReplaySpeed(text)).toThrow(expect.objectContaining({ code: 'BAD_SPEED' }));
    }
  });
});

describe('replayOffsets', () => {
  const times = [1_000, 61_000, 121_000, 3_721_000];

  it('spaces plays by their event time divided by the speed', () => {
    expect([...replayOffsets(times, 1)]).toEqual([0, 60_000, 120_000, 3_720_000]);
    expect([...replayOffsets(times, 60)]).toEqual([0, 1_000, 2_000, 62_000]);
  });

  it('shortens long silences to the maximum gap before dividing', () => {
    expect([...replayOffsets(times, 60, 120_000)]).toEqual([0, 1_000, 2_000, 4_000]);
  });

  it('makes every play due at once at max speed', () => {
    expect([...replayOffsets(times, 'max')]).toEqual([0, 0, 0, 0]);
  });

  it('finds the plays due so far, at most a limit of them', () => {
    const offsets = replayOffsets(times, 60);
    expect(dueUntil(offsets, 0, 1_500, 100)).toBe(2);
    expect(dueUntil(offsets, 2, 1_500, 100)).toBe(2);
    expect(dueUntil(offsets, 0, 100_000, 3)).toBe(3);
    expect(dueUntil(offsets, 3, 100_000, 3)).toBe(4);
  });
});
