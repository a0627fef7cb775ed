import { describe, expect, it } from 'vitest';
import { SpotifyError } from '../errors/spotify-error.ts';
import { savedTrackPageSchema } from '../schemas/responses.ts';
import { offsetPageJson, savedTrackJson } from '../test-support/spotify-fixtures.ts';
import { parseResponseBody } from './parse-response.ts';

const ENDPOINT = 'GET /me/tracks';

function failure(text: string): SpotifyError {
  try {
    parseResponseBody(text, savedTrackPageSchema, ENDPOINT, 200);
  } catch (error) {
    if (error instanceof SpotifyError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('parseResponseBody', () => {
  const page = offsetPageJson(
    Array.from({ length: 5 }, (_, i) => savedTrackJson(`t${i}`, '2026-01-01T00:00:00Z')),
  );

  it('returns typed data for a valid body, keeping fields it does not model', () => {
    const withExtra = { ...page, brand_new_field: 1 };
    const parsed = parseResponseBody(
      JSON.stringify(withExtra),
      savedTrackPageSchema,
      ENDPOINT,
      200,
    );
    expect(parsed.items[4]?.track.id).toBe('t4');
    expect((parsed as Record<string, unknown>).brand_new_field).toBe(1);
  });

  it('accepts the fields removed in 2026 being absent', () => {
    const text = JSON.stringify(page);
    expect(text).not.toContain('popularity');
    expect(text).not.toContain('available_markets');
    expect(() => parseResponseBody(text, savedTrackPageSchema, ENDPOINT, 200)).not.toThrow();
  });

  it('reports a truncated body as BAD_RESPONSE', () => {
    const text = JSON.stringify(page);
    const error = failure(text.slice(0, text.length / 2));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.endpoint).toBe(ENDPOINT);
    expect(failure('<html>oops</html>').code).toBe('BAD_RESPONSE');
  });

  it('reports a wrong shape as BAD_RESPONSE with the path of the bad field', () => {
    const broken = structuredClone(page) as { items: { track: { album: { id?: unknown } } }[] };
    delete broken.items[3]!.track.album.id;
    const error = failure(JSON.stringify(broken));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.path).toBe('items[3].track.album.id');
    expect(error.message).toContain('items[3].track.album.id');
  });
});
