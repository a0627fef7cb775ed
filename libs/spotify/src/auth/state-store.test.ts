import { describe, expect, it } from 'vitest';
import { isSpotifyError } from '../errors/spotify-error.ts';
import { OAuthStateStore } from './state-store.ts';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isSpotifyError(error) ? error.code : 'other';
  }
  return undefined;
}

describe('OAuthStateStore', () => {
  it('accepts an issued state exactly once and returns its verifier', () => {
    const store = new OAuthStateStore();
    const state = store.issue({ verifier: 'v1', userId: 'alice' });
    expect(state.length).toBeGreaterThanOrEqual(32);
    expect(store.consume(state)).toEqual({ verifier: 'v1', userId: 'alice' });
    expect(codeOf(() => store.consume(state))).toBe('INVALID_STATE');
  });

  it('refuses unknown, missing and expired states', () => {
    let now = 1_000;
    const store = new OAuthStateStore({ ttlMs: 100, now: () => now });
    store.issue({ verifier: 'v', userId: 'u' });
    expect(codeOf(() => store.consume('made-up'))).toBe('INVALID_STATE');
    expect(codeOf(() => store.consume(undefined))).toBe('INVALID_STATE');
    const late = store.issue({ verifier: 'v', userId: 'u' });
    now += 101;
    expect(codeOf(() => store.consume(late))).toBe('INVALID_STATE');
  });

  it('issues a different state each time', () => {
    const store = new OAuthStateStore();
    const a = store.issue({ verifier: 'v', userId: 'u' });
    const b = store.issue({ verifier: 'v', userId: 'u' });
    expect(a).not.toBe(b);
  });
});
