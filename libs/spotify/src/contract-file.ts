import { join } from 'node:path';

/**
 * The OpenAPI contract of the Spotify Web API, kept in contracts/ at the repository root.
 * The client's schemas and the simulator's responses are both tested against it.
 */
export const SPOTIFY_OPENAPI_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'contracts',
  'spotify-web-api',
  'fixed-spotify-open-api.yml',
);
