import { LiveError } from '../core/live-error.ts';

/** How fast a replay runs: event time divided by a factor, or as fast as Kafka takes it. */
export type ReplaySpeed = number | 'max';

/** `1`, `60`, `0.5`, `max`; anything else is BAD_SPEED. */
export function parseReplaySpeed(text: string): ReplaySpeed {
  if (text === 'max') return 'max';
  const factor = Number(text);
  if (text.trim() === '' || !Number.isFinite(factor) || factor <= 0) {
    throw new LiveError('BAD_SPEED', `speed "${text}" is not a positive number or "max"`);
  }
  return factor;
}

/**
 * When each play is due, in ms after the replay starts: its event time's distance from
 * the first play, divided by the speed. A silence longer than `maxGapMs` of event time
 * (a night, a holiday) is shortened to it, so a 60× replay of a year does not wait hours
 * between sessions. Event times must be sorted; with `max` every play is due at once.
 */
export function replayOffsets(
  eventTimes: ArrayLike<number>,
  speed: ReplaySpeed,
  maxGapMs: number = Number.POSITIVE_INFINITY,
): Float64Array {
  const offsets = new Float64Array(eventTimes.length);
  if (speed === 'max') return offsets;
  for (let i = 1; i < eventTimes.length; i++) {
    const gap = Math.max(0, eventTimes[i]! - eventTimes[i - 1]!);
    offsets[i] = offsets[i - 1]! + Math.min(gap, maxGapMs) / speed;
  }
  return offsets;
}

/** The end (exclusive) of the run of plays from `from` due by `elapsedMs`, at most `limit` of them. */
export function dueUntil(
  offsets: Float64Array,
  from: number,
  elapsedMs: number,
  limit: number,
): number {
  let end = from;
  while (end < offsets.length && end - from < limit && offsets[end]! <= elapsedMs) end++;
  return end;
}
