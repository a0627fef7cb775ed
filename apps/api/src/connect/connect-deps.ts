import type { AppConfig } from '@spotify-insights/config';
import { createLakeClient, LAKE_BUCKETS } from '@spotify-insights/lake';
import type { LakeTarget } from './user-data-deletion.ts';

/** What connecting and disconnecting friends needs beyond the warehouse connections. */
export interface ConnectDeps {
  /** Accounts service, API base URL, client id, redirect URI and the token encryption key. */
  spotify: AppConfig['spotify'];
  /** ADMIN_TOKEN; undefined closes the admin routes. */
  adminToken: string | undefined;
  /** Where "delete my data" looks for the member's objects; undefined: warehouse only. */
  lake?: LakeTarget | undefined;
  /** Where Spotify sends the browser back (default spotify.redirectUri); tests on port 0 set it late. */
  redirectUri?: (() => string) | undefined;
  fetch?: typeof fetch | undefined;
}

/** The production wiring from the validated config (main.ts). */
export function createConnectDeps(config: AppConfig): ConnectDeps {
  return {
    spotify: config.spotify,
    adminToken: config.api.adminToken,
    lake: { client: createLakeClient(config.lake), buckets: LAKE_BUCKETS },
  };
}
