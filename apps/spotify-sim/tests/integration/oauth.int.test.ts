/*
 * The accounts service: PKCE authorisation through the consent form, code exchange
 * failures, rotating single-use refresh tokens, six-month refresh expiry, revocation,
 * client credentials, and access-token expiry on the simulated clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_SCOPES,
  CLIENT_ID,
  CLIENT_SECRET,
  REDIRECT_URI,
  pkcePair,
  startHarness,
  tokenRequest,
  type Harness,
} from './support/sim-client.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

function authorizeQuery(challenge: string, overrides: Record<string, string> = {}) {
  return new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    code_challenge_method: 'S256',
    code_challenge: challenge,
    state: 'st-1',
    scope: ALL_SCOPES,
    ...overrides,
  });
}

async function consent(
  challenge: string,
  userId: string,
  decision: 'agree' | 'cancel',
  redirectUri = REDIRECT_URI,
) {
  const form = authorizeQuery(challenge, { redirect_uri: redirectUri, user_id: userId, decision });
  const res = await fetch(`${h.url}/authorize/consent`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  return {
    status: res.status,
    location: new URL(res.headers.get('location') ?? 'http://invalid/'),
  };
}

const exchange = (code: string, verifier: string, redirectUri = REDIRECT_URI) =>
  tokenRequest(h.url, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  });

const refresh = (token: string) =>
  tokenRequest(h.url, { grant_type: 'refresh_token', refresh_token: token, client_id: CLIENT_ID });

describe('authorization code with PKCE', () => {
  it('runs the full flow through the consent page and form', async () => {
    const { verifier, challenge } = pkcePair();
    const page = await fetch(`${h.url}/authorize?${authorizeQuery(challenge)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/authorize/consent">');
    expect(html).toContain('user-top-read');
    expect(html).toContain('value="agree"');

    const { status, location } = await consent(challenge, 'chloe.sim', 'agree');
    expect(status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('st-1');
    const code = location.searchParams.get('code')!;

    const tokens = await exchange(code, verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: ALL_SCOPES,
    });
    const me = await h.api(tokens.body.access_token, '/me');
    expect(me.body.id).toBe('chloe.sim');

    // Single use: the same code again is invalid_grant.
    const again = await exchange(code, verifier);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('redirects with access_denied when the user cancels', async () => {
    const { challenge } = pkcePair();
    const { status, location } = await consent(challenge, 'chloe.sim', 'cancel');
    expect(status).toBe(302);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('st-1');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('refuses a wrong verifier, a wrong redirect and an expired code', async () => {
    const { verifier, challenge } = pkcePair();
    let code = (await consent(challenge, 'ayaka.sim', 'agree')).location.searchParams.get('code')!;
    const wrongVerifier = await exchange(code, pkcePair().verifier);
    expect(wrongVerifier.body.error).toBe('invalid_grant');
    const tooShort = await exchange(code, 'short');
    expect(tooShort.body.error).toBe('invalid_grant');
    const wrongRedirect = await exchange(code, verifier, 'http://127.0.0.1:5173/other');
    expect(wrongRedirect.body.error).toBe('invalid_grant');

    code = (await consent(challenge, 'ayaka.sim', 'agree')).location.searchParams.get('code')!;
    h.sim.clock.advance(10 * 60_000 + 1);
    const expired = await exchange(code, verifier);
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('validates /authorize like Spotify', async () => {
    const { challenge } = pkcePair();
    const cases: Record<string, string>[] = [
      { client_id: 'unknown-client' },
      { redirect_uri: 'http://localhost:5173/cb' },
      { redirect_uri: 'http://example.com/cb' },
      { code_challenge_method: 'plain' },
      { code_challenge: '' },
    ];
    for (const overrides of cases) {
      const res = await fetch(`${h.url}/authorize?${authorizeQuery(challenge, overrides)}`);
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
    expect(
      (
        await fetch(
          `${h.url}/authorize?${authorizeQuery(challenge, { redirect_uri: 'https://app.example/cb' })}`,
        )
      ).status,
    ).toBe(200);
    const shortcut = await h.admin('POST', '/_sim/users/ayaka.sim/authorize', {
      client_id: CLIENT_ID,
      redirect_uri: 'http://localhost:5173/cb',
      code_challenge: challenge,
    });
    expect(shortcut.status).toBe(400);
  });
});

describe('tokens', () => {
  it('rotates single-use refresh tokens', async () => {
    const first = await h.login('boris.sim');
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).toBeTruthy();
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect((await h.api(second.body.access_token, '/me')).status).toBe(200);

    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
    const third = await refresh(second.body.refresh_token);
    expect(third.status).toBe(200);
  });

  it('expires refresh tokens six months after authorisation, however often refreshed', async () => {
    let tokens = await h.login('emre.sim');
    for (let month = 0; month < 5; month++) {
      h.sim.clock.advance(30 * 86_400_000);
      const res = await refresh(tokens.refresh_token);
      expect(res.status).toBe(200);
      tokens = res.body;
    }
    h.sim.clock.advance(40 * 86_400_000);
    const res = await refresh(tokens.refresh_token);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('expires access tokens after 3600 s of simulated time, and on demand', async () => {
    const tokens = await h.login('dana.sim');
    h.sim.clock.advance(3_599_000);
    expect((await h.api(tokens.access_token, '/me')).status).toBe(200);
    h.sim.clock.advance(1_000);
    const expired = await h.api(tokens.access_token, '/me');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ error: { status: 401, message: 'The access token expired' } });

    const fresh = await h.login('dana.sim');
    await h.admin('POST', '/_sim/users/dana.sim/expire-access-tokens');
    expect((await h.api(fresh.access_token, '/me')).status).toBe(401);
    expect((await h.api('nonsense', '/me')).body.error.message).toBe('Invalid access token');
  });

  it('revocation turns the refresh token into invalid_grant', async () => {
    const tokens = await h.login('ayaka.sim');
    await h.admin('POST', '/_sim/users/ayaka.sim/revoke');
    const res = await refresh(tokens.refresh_token);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('issues app tokens for client credentials, which cannot read /me', async () => {
    const res = await tokenRequest(
      h.url,
      { grant_type: 'client_credentials' },
      `${CLIENT_ID}:${CLIENT_SECRET}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.refresh_token).toBeUndefined();
    const token = res.body.access_token;
    expect((await h.api(token, '/me')).status).toBe(401);
    const search = await h.api(token, '/search?q=a&type=artist');
    expect(search.status).toBe(200);
    const bad = await tokenRequest(
      h.url,
      { grant_type: 'client_credentials' },
      `${CLIENT_ID}:wrong`,
    );
    expect(bad.body.error).toBe('invalid_client');
  });
});
