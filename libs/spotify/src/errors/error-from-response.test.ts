import { describe, expect, it } from 'vitest';
import { isWithheldFromNewApps } from '../http/operations.ts';
import { errorFromResponse } from './error-from-response.ts';
import { SPOTIFY_ERROR_CODES } from './spotify-error.ts';

function codeFor(status: number, concretePath = '/me/tracks') {
  return errorFromResponse({
    status,
    endpoint: 'GET /x',
    concretePath,
    withheldFromNewApps: isWithheldFromNewApps(concretePath),
    body: JSON.stringify({ error: { status, message: 'nope' } }),
  }).code;
}

describe('errorFromResponse', () => {
  it('maps statuses to the closed set of codes', () => {
    expect(codeFor(400)).toBe('BAD_REQUEST');
    expect(codeFor(401)).toBe('UNAUTHORIZED');
    expect(codeFor(403)).toBe('FORBIDDEN');
    expect(codeFor(404)).toBe('NOT_FOUND');
    expect(codeFor(500)).toBe('SERVER_ERROR');
    expect(codeFor(503)).toBe('SERVER_ERROR');
  });

  it('says NOT_AVAILABLE_FOR_APP for what Spotify withholds from new apps', () => {
    expect(codeFor(403, '/audio-features/abc')).toBe('NOT_AVAILABLE_FOR_APP');
    expect(codeFor(404, '/recommendations')).toBe('NOT_AVAILABLE_FOR_APP');
    expect(codeFor(404, '/artists/x/related-artists')).toBe('NOT_AVAILABLE_FOR_APP');
    expect(codeFor(404, '/playlists/37i9dQZEVXbMDoHDwVN2tF')).toBe('NOT_AVAILABLE_FOR_APP');
    expect(codeFor(404, '/playlists/3cEYpjA9oz9GiPac4AsH4n')).toBe('NOT_FOUND');
  });

  it('marks only transient codes as retryable', () => {
    const retryable = Object.entries(SPOTIFY_ERROR_CODES)
      .filter(([, { canRetry }]) => canRetry)
      .map(([code]) => code)
      .sort();
    expect(retryable).toEqual(['NETWORK', 'QUOTA_EXCEEDED', 'RATE_LIMITED', 'SERVER_ERROR']);
  });
});
