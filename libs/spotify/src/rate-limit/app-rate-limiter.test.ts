import { describe, expect, it } from 'vitest';
import { AppRateLimiter } from './app-rate-limiter.ts';
import { TooManyRequestsSignal } from './rate-limit-signal.ts';

describe('AppRateLimiter', () => {
  it('never sends more than N requests in any rolling window', async () => {
    const windowMs = 200;
    const limiter = new AppRateLimiter({ requestsPerWindow: 2, windowMs });
    const sentAt: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, () =>
        limiter.run(async () => void sentAt.push(Date.now()), 'GET /me'),
      ),
    );
    sentAt.sort((a, b) => a - b);
    // Any 3 consecutive sends span at least one window (timers may round by a ms).
    for (let i = 0; i + 2 < sentAt.length; i++)
      expect(sentAt[i + 2]! - sentAt[i]!).toBeGreaterThanOrEqual(windowMs - 2);
  });

  it('turns a long pause into a status and fast failures with retryAt', async () => {
    const now = 1_000_000;
    const limiter = new AppRateLimiter({ requestsPerWindow: 10, now: () => now });
    let sends = 0;
    const first = limiter.run(async () => {
      sends++;
      throw new TooManyRequestsSignal(3_600_000, now, 'RATE_LIMITED', 'GET /me');
    }, 'GET /me');
    await expect(first).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAt: new Date(now + 3_600_000),
      status: 429,
    });
    expect(limiter.getStatus()).toEqual({
      state: 'paused',
      until: new Date(now + 3_600_000),
      reason: 'RATE_LIMITED',
    });
    await expect(limiter.run(async () => sends++, 'GET /me/tracks')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      endpoint: 'GET /me/tracks',
    });
    expect(sends).toBe(1);
  });

  it('reports QUOTA_EXCEEDED as its own reason and recovers when the pause is over', async () => {
    let now = 5_000;
    const limiter = new AppRateLimiter({ requestsPerWindow: 10, now: () => now });
    limiter.pause({
      retryAfterMs: 86_400_000,
      arrivedAt: now,
      reason: 'QUOTA_EXCEEDED',
      endpoint: 'GET /me',
    });
    expect(limiter.getStatus()).toMatchObject({ state: 'paused', reason: 'QUOTA_EXCEEDED' });
    await expect(limiter.run(async () => 1, 'GET /me')).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
    });
    now += 86_400_000;
    expect(limiter.getStatus()).toEqual({ state: 'ok' });
    await expect(limiter.run(async () => 1, 'GET /me')).resolves.toBe(1);
  });

  it('waits out a short pause (with the injected sleep) before sending again', async () => {
    let now = 0;
    const slept: number[] = [];
    const limiter = new AppRateLimiter({
      requestsPerWindow: 10,
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    });
    let attempt = 0;
    const sentAt: number[] = [];
    const result = await limiter.run(async () => {
      sentAt.push(now);
      if (attempt++ === 0)
        throw new TooManyRequestsSignal(2_000, now + 10, 'RATE_LIMITED', 'GET /me');
      return 'done';
    }, 'GET /me');
    expect(result).toBe('done');
    expect(slept).toEqual([2_010]);
    expect(sentAt).toEqual([0, 2_010]);
  });
});
