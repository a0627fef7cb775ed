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

  it('answers one forced 429 after the given number of requests, then carries on', () => {
    const clock = createClock(0);
    const limiter = new RateLimiter(clock, { requestsPer30s: null });
    limiter.force429({ afterRequests: 2, retryAfterSeconds: 12 });
    expect(limiter.take().ok).toBe(true);
    expect(limiter.pendingForced429()).toEqual({ afterRequests: 1, retryAfterSeconds: 12 });
    expect(limiter.take().ok).toBe(true);
    expect(limiter.take()).toEqual({ ok: false, retryAfterSeconds: 12, quota: false });
    expect(limiter.pendingForced429()).toBeUndefined();
    expect(limiter.take().ok).toBe(true);
  });

  it('does not count requests the window refused towards a forced 429', () => {
    const clock = createClock(0);
    const limiter = new RateLimiter(clock, { requestsPer30s: 1 });
    limiter.force429({ afterRequests: 2, retryAfterSeconds: 9 });
    expect(limiter.take().ok).toBe(true);
    expect(limiter.take()).toEqual({ ok: false, retryAfterSeconds: 30, quota: false });
    clock.advance(30_001);
    expect(limiter.take().ok).toBe(true);
    expect(limiter.take()).toEqual({ ok: false, retryAfterSeconds: 9, quota: false });
  });
});
