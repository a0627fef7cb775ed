import { describe, expect, it } from 'vitest';
import { createClock } from '../world/clock.ts';
import { RateLimiter } from './rate-limit.ts';

describe('rate limiter', () => {
  it('counts a rolling 30-second window and says when a slot frees', () => {
    const clock = createClock(0);
    const limiter = new RateLimiter(clock, { requestsPer30s: 2 });
    expect(limiter.take().ok).toBe(true);
    clock.advance(10_000);
    expect(limiter.take().ok).toBe(true);
    expect(limiter.take()).toEqual({ ok: false, retryAfterSeconds: 20, quota: false });
    clock.advance(20_001);
    expect(limiter.take().ok).toBe(true);
  });
});
