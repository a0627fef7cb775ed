import { SpotifyError } from '../errors/spotify-error.ts';

/**
 * A `next` link is followed only if it points into the configured API (same origin,
 * under the same base path). The bearer token goes wherever we send the request, so
 * a response must never be able to redirect it to another host.
 */
export function checkedNextUrl(next: string, apiBaseUrl: string, endpoint: string): string {
  const base = new URL(apiBaseUrl);
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    throw new SpotifyError('BAD_RESPONSE', `${endpoint} gave a next link that is not a URL`, {
      endpoint,
      path: 'next',
    });
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  const inside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
  if (url.origin !== base.origin || !inside)
    throw new SpotifyError(
      'BAD_RESPONSE',
      `${endpoint} gave a next link outside the API (${url.origin}); not followed`,
      { endpoint, path: 'next' },
    );
  return url.toString();
}
