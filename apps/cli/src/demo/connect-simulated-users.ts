import type { SpotifyClient } from '@spotify-insights/spotify';

interface SimUser {
  id: string;
  displayName: string;
}

/**
 * Connects every user of the Spotify simulator, as each friend would by clicking "Agree"
 * on the consent page: the real PKCE flow of our client, with the simulator's headless
 * consent shortcut standing in for the browser. Tokens end up encrypted in the store.
 */
export async function connectSimulatedUsers(
  simUrl: string,
  client: SpotifyClient,
): Promise<SimUser[]> {
  const users = (await (await fetch(`${simUrl}/_sim/users`)).json()) as SimUser[];
  for (const user of users) {
    const { url } = client.startAuthorization(user.id);
    const params = new URL(url).searchParams;
    const response = await fetch(`${simUrl}/_sim/users/${encodeURIComponent(user.id)}/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: params.get('client_id'),
        redirect_uri: params.get('redirect_uri'),
        code_challenge: params.get('code_challenge'),
        state: params.get('state'),
        scope: params.get('scope'),
      }),
    });
    if (!response.ok)
      throw new Error(`the simulator refused to authorise ${user.id}: HTTP ${response.status}`);
    const callback = new URL(((await response.json()) as { redirect: string }).redirect);
    await client.completeAuthorization({
      state: callback.searchParams.get('state'),
      code: callback.searchParams.get('code')!,
    });
  }
  return users;
}
