/*
 * Validation of an /authorize request and the consent decision, shared by the HTML
 * flow and the /_sim shortcut so both behave identically.
 */
import type { SimState } from '../state.ts';
import { redirectUriProblem } from './pkce.ts';

export interface AuthorizeParams {
  client_id: string;
  response_type: string;
  redirect_uri: string;
  code_challenge_method: string;
  code_challenge: string;
  state: string;
  scope: string;
}

export function readAuthorizeParams(source: Record<string, unknown>): AuthorizeParams {
  const s = (name: string, fallback = '') =>
    typeof source[name] === 'string' ? (source[name] as string) : fallback;
  return {
    client_id: s('client_id'),
    response_type: s('response_type', 'code'),
    redirect_uri: s('redirect_uri'),
    code_challenge_method: s('code_challenge_method', 'S256'),
    code_challenge: s('code_challenge'),
    state: s('state'),
    scope: s('scope'),
  };
}

/** Returns a human-readable problem (shown on an error page), or undefined when valid. */
export function authorizeProblem(state: SimState, p: AuthorizeParams): string | undefined {
  if (!p.client_id) return 'INVALID_CLIENT: Missing client_id';
  if (!state.oauth.isClient(p.client_id)) return 'INVALID_CLIENT: Invalid client';
  if (!p.redirect_uri) return 'INVALID_CLIENT: Missing redirect_uri';
  const redirect = redirectUriProblem(p.redirect_uri);
  if (redirect) return `INVALID_CLIENT: ${redirect}`;
  if (p.response_type !== 'code')
    return 'unsupported_response_type: only response_type=code is supported';
  if (p.code_challenge_method !== 'S256')
    return 'invalid_request: code_challenge_method must be S256';
  if (!/^[A-Za-z0-9\-_]{43}$/.test(p.code_challenge))
    return 'invalid_request: code_challenge must be a base64url SHA-256 digest';
  return undefined;
}

/** The redirect after the user agreed or cancelled, as the browser would follow it. */
export function consentRedirect(
  state: SimState,
  p: AuthorizeParams,
  userId: string,
  agree: boolean,
): string {
  const url = new URL(p.redirect_uri);
  if (!agree) {
    url.searchParams.set('error', 'access_denied');
  } else {
    const code = state.oauth.issueCode(
      {
        clientId: p.client_id,
        redirectUri: p.redirect_uri,
        codeChallenge: p.code_challenge,
        scope: p.scope,
      },
      userId,
    );
    // A sixth distinct user of a Development Mode app is refused, as Spotify does.
    if (code === undefined) url.searchParams.set('error', 'access_denied');
    else url.searchParams.set('code', code);
  }
  if (p.state) url.searchParams.set('state', p.state);
  return url.toString();
}
