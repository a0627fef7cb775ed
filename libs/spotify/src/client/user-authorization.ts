import type { AppConfig } from '@spotify-insights/config';
import { buildAuthorizeUrl } from '../auth/authorize-url.ts';
import { createPkcePair } from '../auth/pkce.ts';
import type { OAuthStateStore } from '../auth/state-store.ts';
import type { TokenEndpoint } from '../auth/token-endpoint.ts';
import type { UserSessions } from '../tokens/user-sessions.ts';

export interface UserAuthorizationDeps {
  spotify: AppConfig['spotify'];
  states: OAuthStateStore;
  tokenEndpoint: Pick<TokenEndpoint, 'exchangeCode'>;
  sessions: Pick<UserSessions, 'connect'>;
}

/** Connecting a user with Authorization Code + PKCE, from redirect to stored tokens. */
export function createUserAuthorization({
  spotify,
  states,
  tokenEndpoint,
  sessions,
}: UserAuthorizationDeps) {
  return {
    /**
     * Starts connecting the app's user `userId`: send the browser to `url`; Spotify
     * comes back to the redirect URI with `code` and `state`. The verifier (and the
     * redirect URI, which the exchange must repeat) stay on the server, under `state`.
     */
    startAuthorization(userId: string, redirectUri?: string): { url: string; state: string } {
      const pair = createPkcePair();
      const state = states.issue({
        verifier: pair.verifier,
        userId,
        ...(redirectUri ? { redirectUri } : {}),
      });
      const url = buildAuthorizeUrl(spotify, {
        state,
        challenge: pair.challenge,
        ...(redirectUri ? { redirectUri } : {}),
      });
      return { url, state };
    },

    /**
     * The callback: accepts `state` once (INVALID_STATE otherwise), exchanges the code
     * with its verifier and stores the tokens — which also clears NEEDS_RECONNECT.
     */
    async completeAuthorization(input: {
      state: string | null | undefined;
      code: string;
    }): Promise<{ userId: string }> {
      const pending = states.consume(input.state);
      const tokens = await tokenEndpoint.exchangeCode(
        input.code,
        pending.verifier,
        pending.redirectUri,
      );
      await sessions.connect(pending.userId, tokens);
      return { userId: pending.userId };
    },
  };
}
