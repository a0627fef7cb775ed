import { describe, expect, it } from 'vitest';
import { SpotifyError } from '../errors/spotify-error.ts';
import type { RetryOptions } from './retry-defaults.ts';
import { backoffDelay, withRetry } from './with-retry.ts';

function options(random = () => 0.999): RetryOptions & { slept: number[] } {
  const slept: number[] = [];
  return {
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    random,
    sleep: async (ms) => void slept.push(ms),
    slept,
  };
}

function failingTimes(times: number, error: () => Error) {
  let calls = 0;
  return {
    run: async () => {
      calls++;
      if (calls <= times) throw error();
      return 'ok';
    },
    calls: () => calls,
  };
}

describe('withRetry', () => {
  it('retries 5xx and network failures, then succeeds', async () => {
    for (const code of ['SERVER_ERROR', 'NETWORK'] as const) {
      const opts = options();
      const op = failingTimes(2, () => new SpotifyError(code, 'x'));
      await expect(withRetry(op.run, opts)).resolves.toBe('ok');
      expect(op.calls()).toBe(3);
      expect(opts.slept).toHaveLength(2);
    }
  });

  it('never retries other errors', async () => {
    for (const code of [
      'BAD_REQUEST',
      'FORBIDDEN',
      'NOT_FOUND',
      'UNAUTHORIZED',
      'BAD_RESPONSE',
    ] as const) {
      const op = failingTimes(1, () => new SpotifyError(code, 'x'));
      await expect(withRetry(op.run, options())).rejects.toMatchObject({ code });
      expect(op.calls()).toBe(1);
    }
  });

  it('gives up after maxAttempts', async () => {
    const op = failingTimes(10, () => new SpotifyError('SERVER_ERROR', 'x'));
    await expect(withRetry(op.run, options())).rejects.toMatchObject({ code: 'SERVER_ERROR' });
    expect(op.calls()).toBe(4);
  });

  it('uses full jitter under an exponential, capped ceiling', () => {
    const high = options(() => 0.999);
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, high))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    const low = options(() => 0);
    expect(backoffDelay(3, low)).toBe(0);
  });
});
