import type { AppConfig } from '@spotify-insights/config';
import { SPOTIFY_SCOPES } from './scopes.ts';

export interface AuthorizeUrlInput {
  state: string;
  challenge: string;
  scopes?: readonly string[];
  /** Defaults to config.spotify.redirectUri; must match the one given to exchangeCode. */
  redirectUri?: string;
}

/** Where to send the user's browser to connect their Spotify account. */
export function buildAuthorizeUrl(
  spotify: AppConfig['spotify'],
  {
    state,
    challenge,
    scopes = SPOTIFY_SCOPES,
    redirectUri = spotify.redirectUri,
  }: AuthorizeUrlInput,
): string {
  const url = new URL(`${spotify.accountsBaseUrl}/authorize`);
  url.search = new URLSearchParams({
    client_id: spotify.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    code_challenge_method: 'S256',
    code_challenge: challenge,
    state,
    scope: scopes.join(' '),
  }).toString();
  return url.toString();
}
