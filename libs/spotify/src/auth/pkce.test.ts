import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl } from './authorize-url.ts';
import { createPkcePair, PKCE_VERIFIER_CHARSET, pkceChallenge } from './pkce.ts';
import { SPOTIFY_SCOPES } from './scopes.ts';

describe('PKCE', () => {
  it('makes verifiers of 43–128 characters from the allowed charset only', () => {
    for (const length of [43, 64, 128]) {
      const { verifier, challenge, method } = createPkcePair(length);
      expect(verifier).toHaveLength(length);
      expect([...verifier].every((c) => PKCE_VERIFIER_CHARSET.includes(c))).toBe(true);
      expect(challenge).toBe(pkceChallenge(verifier));
      expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/); // base64url of 32 bytes, no padding
      expect(method).toBe('S256');
    }
    expect(() => createPkcePair(42)).toThrow(RangeError);
    expect(() => createPkcePair(129)).toThrow(RangeError);
  });

  it('never repeats a verifier', () => {
    const verifiers = new Set(Array.from({ length: 200 }, () => createPkcePair().verifier));
    expect(verifiers.size).toBe(200);
  });

  it('computes S256 as in RFC 7636 appendix B', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
});

describe('buildAuthorizeUrl', () => {
  const spotify = {
    apiBaseUrl: 'http://127.0.0.1:8888/v1',
    accountsBaseUrl: 'http://127.0.0.1:8888',
    clientId: 'cid',
    clientSecret: 'never-in-the-url',
    redirectUri: 'http://127.0.0.1:3000/auth/callback',
    rateLimitPer30s: 100,
    catalogueCallsPerCycle: 0,
    tokenEncryptionKey: undefined,
  };

  it('asks for code + S256 with the configured redirect and exactly the project scopes', () => {
    const url = new URL(buildAuthorizeUrl(spotify, { state: 's1', challenge: 'c1' }));
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:8888/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'cid',
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:3000/auth/callback',
      code_challenge_method: 'S256',
      code_challenge: 'c1',
      state: 's1',
      scope: SPOTIFY_SCOPES.join(' '),
    });
    expect(url.toString()).not.toContain('never-in-the-url');
  });

  it('lists the scopes the README names, and no write scopes', () => {
    expect([...SPOTIFY_SCOPES].sort()).toEqual(
      [
        'playlist-read-collaborative',
        'playlist-read-private',
        'user-follow-read',
        'user-library-read',
        'user-read-private',
        'user-read-recently-played',
        'user-top-read',
      ].sort(),
    );
  });
});
