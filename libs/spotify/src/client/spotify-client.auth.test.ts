import { afterEach, describe, expect, it } from 'vitest';
import { pkceChallenge } from '../auth/pkce.ts';
import { isSpotifyError } from '../errors/spotify-error.ts';
import { artistJson } from '../test-support/spotify-fixtures.ts';
import { sendJson, startStubServer, type StubServer } from '../test-support/stub-server.ts';
import { logsContainTokens, testClient } from '../test-support/test-client.ts';

let server: StubServer | undefined;
const logs: string[][] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const lines of logs.splice(0)) expect(logsContainTokens(lines)).toBe(false);
});

const bearer = (h: Record<string, unknown>) => String(h.authorization ?? '').replace('Bearer ', '');
const tokenCalls = (s: StubServer) => s.requests.filter((r) => r.pathname === '/api/token');

describe('connecting a user (PKCE)', () => {
  it('exchanges the code with the verifier that matches the challenge, and takes the state once', async () => {
    let form = new URLSearchParams();
    server = await startStubServer((req, res) => {
      form = new URLSearchParams(req.body);
      sendJson(res, 200, {
        access_token: 'sekrit-at-new',
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: 'sekrit-rt-new',
        scope: 'user-read-private',
      });
    });
    const { client, tokenStore, logLines } = await testClient(server);
    logs.push(logLines);
    const { url, state } = client.startAuthorization('alice');
    const challenge = new URL(url).searchParams.get('code_challenge');

    await expect(client.completeAuthorization({ state: 'forged', code: 'c' })).rejects.toSatisfy(
      (e) => isSpotifyError(e, 'INVALID_STATE'),
    );
    await expect(client.completeAuthorization({ state, code: 'the-code' })).resolves.toEqual({
      userId: 'alice',
    });
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code')).toBe('the-code');
    expect(form.get('client_id')).toBe('test-client');
    expect(form.get('redirect_uri')).toBe('http://127.0.0.1:3999/auth/callback');
    expect(pkceChallenge(form.get('code_verifier')!)).toBe(challenge);
    expect(tokenCalls(server)[0]?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(await tokenStore.get('alice')).toMatchObject({
      accessToken: 'sekrit-at-new',
      refreshToken: 'sekrit-rt-new',
      status: 'ok',
    });
    expect(await client.getUserStatus('alice')).toBe('connected');

    await expect(client.completeAuthorization({ state, code: 'the-code' })).rejects.toSatisfy((e) =>
      isSpotifyError(e, 'INVALID_STATE'),
    );
    expect(tokenCalls(server)).toHaveLength(1);
  });

  it('sends the exchange to the same redirect URI the authorisation used', async () => {
    let form = new URLSearchParams();
    server = await startStubServer((req, res) => {
      form = new URLSearchParams(req.body);
      sendJson(res, 200, { access_token: 'sekrit-a', expires_in: 3600, refresh_token: 'sekrit-r' });
    });
    const { client, logLines } = await testClient(server);
    logs.push(logLines);
    const redirect = 'http://127.0.0.1:4555/auth/callback';
    const { url, state } = client.startAuthorization('bob', redirect);
    expect(new URL(url).searchParams.get('redirect_uri')).toBe(redirect);
    await client.completeAuthorization({ state, code: 'c' });
    expect(form.get('redirect_uri')).toBe(redirect);
  });
});

describe('user tokens', () => {
  it('refreshes shortly before expiry and stores the rotated refresh token every time', async () => {
    let refreshes = 0;
    server = await startStubServer((req, res) => {
      if (req.pathname === '/api/token') {
        refreshes++;
        return sendJson(res, 200, {
          access_token: `sekrit-at-alice-${refreshes + 1}`,
          expires_in: 30, // shorter than the refresh margin: the next call refreshes again
          refresh_token: `sekrit-rt-alice-${refreshes + 1}`,
        });
      }
      sendJson(res, 200, { id: 'alice', display_name: 'Alice', token: bearer(req.headers) });
    });
    const { client, tokenStore, logLines } = await testClient(server, {
      alice: { expiresAt: Date.now() + 30_000 },
    });
    logs.push(logLines);

    expect(await client.getMe('alice')).toMatchObject({ token: 'sekrit-at-alice-2' });
    expect(new URLSearchParams(tokenCalls(server)[0]!.body).get('refresh_token')).toBe(
      'sekrit-rt-alice-1',
    );
    expect(new URLSearchParams(tokenCalls(server)[0]!.body).get('grant_type')).toBe(
      'refresh_token',
    );
    expect(new URLSearchParams(tokenCalls(server)[0]!.body).get('client_id')).toBe('test-client');
    expect((await tokenStore.get('alice'))?.refreshToken).toBe('sekrit-rt-alice-2');

    await client.getMe('alice');
    expect(new URLSearchParams(tokenCalls(server)[1]!.body).get('refresh_token')).toBe(
      'sekrit-rt-alice-2',
    );
    expect((await tokenStore.get('alice'))?.refreshToken).toBe('sekrit-rt-alice-3');
  });

  it('keeps the refresh token when Spotify does not rotate it', async () => {
    server = await startStubServer((req, res) => {
      if (req.pathname === '/api/token')
        return sendJson(res, 200, { access_token: 'sekrit-at-x', expires_in: 3600 });
      sendJson(res, 200, { id: 'alice' });
    });
    const { client, tokenStore, logLines } = await testClient(server, { alice: { expiresAt: 0 } });
    logs.push(logLines);
    await client.getMe('alice');
    expect(await tokenStore.get('alice')).toMatchObject({
      accessToken: 'sekrit-at-x',
      refreshToken: 'sekrit-rt-alice-1',
    });
  });

  it('refreshes once on a 401 (once for concurrent calls too), then succeeds', async () => {
    server = await startStubServer((req, res) => {
      if (req.pathname === '/api/token')
        return sendJson(res, 200, {
          access_token: 'sekrit-at-alice-2',
          expires_in: 3600,
          refresh_token: 'sekrit-rt-alice-2',
        });
      if (bearer(req.headers) !== 'sekrit-at-alice-2')
        return sendJson(res, 401, { error: { status: 401, message: 'The access token expired' } });
      sendJson(res, 200, { id: 'alice' });
    });
    const { client, logLines } = await testClient(server, { alice: {} });
    logs.push(logLines);
    const results = await Promise.all([
      client.getMe('alice'),
      client.getMe('alice'),
      client.getMe('alice'),
    ]);
    expect(results.map((r) => r.id)).toEqual(['alice', 'alice', 'alice']);
    expect(tokenCalls(server)).toHaveLength(1);
  });

  it('fails with UNAUTHORIZED when the refreshed token is refused too', async () => {
    server = await startStubServer((req, res) => {
      if (req.pathname === '/api/token')
        return sendJson(res, 200, { access_token: 'sekrit-at-2', expires_in: 3600 });
      sendJson(res, 401, { error: { status: 401, message: 'Invalid access token' } });
    });
    const { client, logLines } = await testClient(server, { alice: {} });
    logs.push(logLines);
    await expect(client.getMe('alice')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      status: 401,
      endpoint: 'GET /me',
    });
    expect(tokenCalls(server)).toHaveLength(1);
    expect(server.requests.filter((r) => r.pathname === '/v1/me')).toHaveLength(2);
  });

  it('marks only the user whose refresh token is refused (invalid_grant); others go on', async () => {
    server = await startStubServer((req, res) => {
      if (req.pathname === '/api/token') {
        if (new URLSearchParams(req.body).get('refresh_token') === 'sekrit-rt-alice-1')
          return sendJson(res, 400, {
            error: 'invalid_grant',
            error_description: 'Refresh token revoked',
          });
        return sendJson(res, 200, { access_token: 'sekrit-at-bob-2', expires_in: 3600 });
      }
      sendJson(res, 200, { id: bearer(req.headers).includes('bob') ? 'bob' : 'alice' });
    });
    const { client, logLines } = await testClient(server, {
      alice: { expiresAt: 0 },
      bob: { expiresAt: 0 },
    });
    logs.push(logLines);
    const [alice, bob] = await Promise.allSettled([client.getMe('alice'), client.getMe('bob')]);
    expect(alice).toMatchObject({
      status: 'rejected',
      reason: { code: 'NEEDS_RECONNECT', userId: 'alice' },
    });
    expect(bob).toMatchObject({ status: 'fulfilled', value: { id: 'bob' } });
    expect(await client.getUserStatus('alice')).toBe('NEEDS_RECONNECT');
    expect(await client.getUserStatus('bob')).toBe('connected');

    const before = server.requests.length;
    await expect(client.getSavedTracks('alice')).rejects.toMatchObject({ code: 'NEEDS_RECONNECT' });
    expect(server.requests.length).toBe(before); // no more attempts with a dead token
    await expect(client.getMe('bob')).resolves.toMatchObject({ id: 'bob' });
    expect(logLines.some((l) => l.includes('must reconnect'))).toBe(true);
  });
});

describe('catalogue calls', () => {
  it('use a client-credentials token from HTTP Basic auth, fetched once', async () => {
    server = await startStubServer((req, res) => {
      if (req.pathname === '/api/token')
        return sendJson(res, 200, { access_token: 'sekrit-app-1', expires_in: 3600 });
      expect(bearer(req.headers)).toBe('sekrit-app-1');
      sendJson(res, 200, artistJson(req.pathname.split('/').pop()!));
    });
    const { client, logLines } = await testClient(server);
    logs.push(logLines);
    const artists = await Promise.all([client.getArtist('a1'), client.getArtist('a2')]);
    expect(artists.map((a) => a.id)).toEqual(['a1', 'a2']);
    const [tokenCall, ...others] = tokenCalls(server);
    expect(others).toHaveLength(0);
    expect(tokenCall!.headers.authorization).toBe(
      `Basic ${Buffer.from('test-client:test-secret').toString('base64')}`,
    );
    expect(new URLSearchParams(tokenCall!.body).get('grant_type')).toBe('client_credentials');
  });
});
