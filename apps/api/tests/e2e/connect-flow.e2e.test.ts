import { randomUUID } from 'node:crypto';
import type { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import { createLakeClient, readObjectText, removeBucketAndObjects } from '@spotify-insights/lake';
import { MemberStore } from '../../src/connect/member-store.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { startDashboardServer, type DashboardServer } from './support/dashboard-server.ts';
import { screenshot } from './support/screenshots.ts';
import { startSimulator, type Simulator } from './support/simulator.ts';

/*
 * §3 end to end: a friend connects through the simulator's consent page and appears in
 * the group; a sixth account is refused; an admin logs in and disconnects a member with
 * their data (lake objects in a bucket of this test's own, their rows in a presentation
 * file, warehouse rows). Plus the
 * guards: CSRF token and admin auth, checked with plain HTTP.
 */

let sim: Simulator;
let server: DashboardServer;
let browser: TestBrowser;
let lake: Client;
const bucket = `e2e-connect-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  sim = await startSimulator();
  const env = { SPOTIFY_API_BASE_URL: `${sim.url}/v1`, SPOTIFY_ACCOUNTS_BASE_URL: sim.url };
  lake = createLakeClient(loadConfig().lake);
  await lake.makeBucket(bucket);
  server = await startDashboardServer('api_e2e_connect', {
    env,
    members: false,
    // one bucket of the test's own stands for raw, processed and presentation
    connect: {
      lake: { client: lake, buckets: { raw: bucket, processed: bucket, presentation: bucket } },
    },
  });
  browser = await launchBrowser({ width: 900, height: 900 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sim?.close();
  if (lake) {
    await removeBucketAndObjects(lake, bucket).catch(() => undefined);
  }
});

/** A cookie jar of one: the page's CSRF cookie, as a browser would hold it. */
async function csrfSession(): Promise<{ cookie: string; token: string }> {
  const response = await fetch(`${server.url}/connect`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const token = /si_csrf=([^;]+)/.exec(setCookie)?.[1] ?? '';
  expect(token).not.toBe('');
  return { cookie: `si_csrf=${token}`, token };
}

const members = () => new MemberStore(server.owner, server.config.spotify.tokenEncryptionKey!);

describe('connect and disconnect', () => {
  it('a friend connects through Spotify’s consent page and appears in the group', async () => {
    const friend = sim.users[0]!;
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/connect`);
    await page.waitForSelector('#main[data-state="ready"]');
    expect(await page.textContent('[data-testid="member-count"]')).toContain('0 of 5');
    await page.click('#connect');
    // the simulator's accounts service: the consent form
    await page.waitForURL(`${sim.url}/authorize?**`);
    await page.check(`input[name="user_id"][value="${friend.id}"]`);
    await screenshot(page, 'connect-consent');
    await page.click('button[value="agree"]');
    await page.waitForURL(`${server.url}/connect?**`);
    await page.waitForSelector('#main[data-state="ready"]');
    expect(await page.textContent('[data-testid="connect-outcome"]')).toContain(
      `Connected ${friend.id}`,
    );
    const rows = await page.locator('[data-testid="members"] tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(friend.id);
    expect(rows[0]).toContain('ok');
    await screenshot(page, 'connect-connected');
    await page.close();

    const stored = await server.owner('app.spotify_tokens').where({ user_id: friend.id }).first();
    // encrypted at rest: no token in the clear
    expect(stored.ciphertext).toMatch(/^v1\./);
  });

  it('shows needs-reconnect and refuses a sixth account with a clear message', async () => {
    // three more members, one of them refused by Spotify at its last refresh
    for (const [i, status] of (['ok', 'ok', 'NEEDS_RECONNECT', 'ok'] as const).entries())
      await members().save(`friend-${i}`, {
        accessToken: 'a',
        refreshToken: 'r',
        expiresAt: Date.now() + 3_600_000,
        status,
      });
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/connect`);
    await page.waitForSelector('#main[data-state="ready"]');
    expect(await page.textContent('[data-testid="member-count"]')).toContain('5 of 5');
    expect(await page.locator('.badge.needs-reconnect').count()).toBe(1);
    await page.click('#connect');
    await page.waitForURL(`${sim.url}/authorize?**`);
    await page.check(`input[name="user_id"][value="${sim.users[1]!.id}"]`);
    await page.click('button[value="agree"]');
    await page.waitForURL(`${server.url}/connect?**`);
    await page.waitForSelector('#main[data-state="ready"]');
    const outcome = page.locator('[data-testid="connect-outcome"]');
    expect(await outcome.getAttribute('data-code')).toBe('GROUP_FULL');
    expect(await outcome.textContent()).toMatch(/group is full.*5 users/);
    await screenshot(page, 'connect-group-full');
    await page.close();
    expect(
      await server.owner('app.spotify_tokens').where({ user_id: sim.users[1]!.id }).first(),
    ).toBeUndefined();
  });

  it('refuses state-changing requests without the CSRF token', async () => {
    const { cookie, token } = await csrfSession();
    const noToken = await fetch(`${server.url}/connect/start`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe(
      'CSRF_REJECTED',
    );
    const wrongToken = await fetch(`${server.url}/connect/start`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${'x'.repeat(43)}`,
      redirect: 'manual',
    });
    expect(wrongToken.status).toBe(403);
    const withToken = await fetch(`${server.url}/connect/start`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${token}`,
      redirect: 'manual',
    });
    expect(withToken.status).toBe(303);
    expect(withToken.headers.get('location')).toMatch(new RegExp(`^${sim.url}/authorize\\?`));

    // an admin session cookie alone is not enough either: the header must match
    const login = await fetch(`${server.url}/admin/login`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${token}&token=${encodeURIComponent(server.adminToken)}`,
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    const admin = /si_admin=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
    expect(admin).toBeDefined();
    const disconnect = await fetch(`${server.url}/api/connect/members/friend-0/disconnect`, {
      method: 'POST',
      headers: { cookie: `${cookie}; ${admin}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(disconnect.status).toBe(403);
    expect(((await disconnect.json()) as { error: { code: string } }).error.code).toBe(
      'CSRF_REJECTED',
    );
  });

  it('admin routes need the admin token', async () => {
    const { cookie, token } = await csrfSession();
    const anonymous = await fetch(`${server.url}/api/connect/members/friend-0/disconnect`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe(
      'ADMIN_AUTH_REQUIRED',
    );
    const wrongBearer = await fetch(`${server.url}/api/connect/members/friend-0/disconnect`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-the-token-at-all', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(wrongBearer.status).toBe(401);
    const bearer = await fetch(`${server.url}/api/connect/members/friend-0/disconnect`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(bearer.status).toBe(200);
    expect(await bearer.json()).toMatchObject({
      userId: 'friend-0',
      tokensDeleted: true,
      dataDeleted: false,
    });
  });

  it('an admin disconnects a member and deletes their data from the lake and the warehouse', async () => {
    const friend = sim.users[0]!;
    // the friend's data: a raw object under user_id=<id>, another user's beside it, warehouse rows
    const mine = `spotify.recent-plays.v1/user_id=${encodeURIComponent(friend.id)}/date=2026-06-01/0-1-2.ndjson`;
    const theirs = 'spotify.recent-plays.v1/user_id=ana.fx/date=2026-06-01/0-3-4.ndjson';
    for (const key of [mine, theirs]) await lake.putObject(bucket, key, Buffer.from('{}\n'));
    // a presentation aggregate mixing users: the friend's pair goes, the others' stays
    const overlap = 'group_overlap/group_overlap.csv';
    const overlapHeader = 'user_a,user_b,shared_artists';
    await lake.putObject(
      bucket,
      overlap,
      Buffer.from(`${overlapHeader}\n${friend.id},ana.fx,3\nana.fx,bo.k,2\n`),
    );
    const [user] = await server
      .owner('warehouse.dim_user')
      .insert({ spotify_user_id: friend.id, display_name: friend.displayName })
      .returning('user_key');
    const [track] = await server.owner('warehouse.dim_track').select('track_key').limit(1);
    await server.owner('warehouse.fct_play').insert({
      user_key: user.user_key,
      track_key: track.track_key,
      played_at: '2026-06-01T10:00:00Z',
      ms_played: 100_000,
      source: 'api',
      load_batch_id: 'e2e',
    });

    const page = await browser.context.newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.waitForSelector('#main[data-state="ready"]');
    await page.fill('input[name="token"]', server.adminToken);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${server.url}/connect`);
    await page.waitForSelector(`button[data-disconnect="${friend.id}"]`);
    await screenshot(page, 'connect-admin');
    const row = page.locator('[data-testid="members"] tbody tr', { hasText: friend.id });
    await row.locator('input[type="checkbox"]').check();
    await row.locator('button[data-disconnect]').click();
    await page.waitForSelector(`button[data-disconnect="${friend.id}"]`, { state: 'detached' });
    await page.close();

    expect(
      await server.owner('app.spotify_tokens').where({ user_id: friend.id }).first(),
    ).toBeUndefined();
    expect(
      await server.owner('warehouse.dim_user').where({ spotify_user_id: friend.id }).first(),
    ).toBeUndefined();
    expect(
      await server.owner('warehouse.fct_play').where({ user_key: user.user_key }).count(),
    ).toEqual([{ count: '0' }]);
    const left: string[] = [];
    for await (const o of lake.listObjectsV2(bucket, '', true)) if (o.name) left.push(o.name);
    expect(left.sort()).toEqual([overlap, theirs].sort());
    expect(await readObjectText(lake, bucket, overlap)).toBe(`${overlapHeader}\nana.fx,bo.k,2\n`);
    // the rest of the warehouse is untouched
    expect(
      await server.owner('warehouse.dim_user').where({ spotify_user_id: 'ana.fx' }).first(),
    ).toBeDefined();
  });
});
