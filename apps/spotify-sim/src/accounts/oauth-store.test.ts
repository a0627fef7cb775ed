import { describe, expect, it } from 'vitest';
import { createClock } from '../world/clock.ts';
import { MAX_USERS_PER_CLIENT, OAuthStore, refreshExpiry } from './oauth-store.ts';
import { isValidVerifier, redirectUriProblem, s256 } from './pkce.ts';

const request = {
  clientId: 'c',
  redirectUri: 'http://127.0.0.1:1/cb',
  codeChallenge: s256('v'.repeat(43)),
  scope: '',
};

describe('oauth store', () => {
  it('refuses a sixth distinct user per client (Development Mode)', () => {
    const store = new OAuthStore(createClock(0), 1, new Map([['c', 's']]));
    for (let i = 0; i < MAX_USERS_PER_CLIENT; i++)
      expect(store.issueCode(request, `u${i}`)).toBeTypeOf('string');
    expect(store.issueCode(request, 'u-sixth')).toBeUndefined();
    expect(store.issueCode(request, 'u0')).toBeTypeOf('string');
  });

  it('expires refresh tokens six calendar months after authorisation', () => {
    expect(new Date(refreshExpiry(Date.parse('2026-01-15T10:00:00Z'))).toISOString()).toBe(
      '2026-07-15T10:00:00.000Z',
    );
  });
});

describe('pkce rules', () => {
  it('checks verifiers and redirect URIs like Spotify', () => {
    expect(isValidVerifier('a'.repeat(43))).toBe(true);
    expect(isValidVerifier('a'.repeat(42))).toBe(false);
    expect(isValidVerifier('a'.repeat(129))).toBe(false);
    expect(isValidVerifier(`${'a'.repeat(43)}!`)).toBe(false);
    expect(redirectUriProblem('https://x.example/cb')).toBeUndefined();
    expect(redirectUriProblem('http://127.0.0.1:8080/cb')).toBeUndefined();
    expect(redirectUriProblem('http://localhost:8080/cb')).toMatch(/localhost/);
    expect(redirectUriProblem('http://10.0.0.1/cb')).toBeDefined();
  });
});
