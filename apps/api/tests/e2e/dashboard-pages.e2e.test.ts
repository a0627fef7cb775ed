import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import {
  HOSTILE_TRACK_NAME,
  startDashboardServer,
  type DashboardServer,
} from './support/dashboard-server.ts';
import { publishReadmeScreenshot, screenshot } from './support/screenshots.ts';

/*
 * Every dashboard page in headless Chromium against a scratch warehouse of known plays:
 * each loads with the data, nothing on any page runs a name that is markup, and each
 * leaves a screenshot in .local/screenshots/ (desktop and phone width).
 */

let server: DashboardServer;
let browser: TestBrowser;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startDashboardServer('api_e2e_pages');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, viewport = { width: 1100, height: 900 }): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
  page.on('dialog', (dialog) => {
    pageErrors.push(`${path}: a dialog opened (${dialog.message()})`);
    void dialog.dismiss();
  });
  await page.goto(`${server.url}${path}`);
  await page.waitForSelector('#main[data-state="ready"], #main[data-state="error"]', {
    timeout: 20_000,
  });
  expect(await page.getAttribute('#main', 'data-state')).toBe('ready');
  return page;
}

/** No script from data ran and no element came from data markup. */
async function expectInert(page: Page) {
  expect(await page.evaluate('window.__xss')).toBeUndefined();
  expect(await page.locator('#main script, #main img').count()).toBe(0);
}

describe('dashboard pages', () => {
  it('overview: totals, months, clock, top artists and tracks of one listener', async () => {
    const page = await open('/?user=ana.fx&range=all');
    const stats = await page.textContent('[data-testid="overview-stats"]');
    expect(stats).toContain('albums');
    // Ana's artists, most streamed first (fixture: Aurora Lane leads all time)
    const artists = await page.locator('[data-testid="top-artists"] li').allTextContents();
    expect(artists[0]).toBe('Aurora Lane');
    expect(await page.locator('canvas').count()).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid="habits"]')).toContain('longest streak');
    const tracks = await page.locator('[data-testid="top-tracks"] li').allTextContents();
    expect(tracks.join('\n')).toContain(HOSTILE_TRACK_NAME);
    await expectInert(page);
    const file = await screenshot(page, 'overview', false);
    await publishReadmeScreenshot(file);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'overview-phone');
    await page.close();
  });

  it('top 10: the table, the audio-features notice and the track facts', async () => {
    const page = await open('/top?user=ana.fx&range=all');
    const rows = await page.locator('[data-testid="top-10"] tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid="audio-features-note"]')).toMatch(
      /not available.*November 2024/,
    );
    expect(await page.textContent('[data-testid="explicit"]')).toMatch(
      /of \d+ tracks are marked explicit/,
    );
    expect(await page.locator('[data-testid="top-10"]').textContent()).toContain(
      HOSTILE_TRACK_NAME,
    );
    await expectInert(page);
    await screenshot(page, 'top');
    await page.close();
  });

  it('friends: members, leaderboard, compatibility matrix, shared artists, recommendations', async () => {
    const page = await open('/group');
    expect(await page.locator('[data-testid="members"] tbody tr').count()).toBe(4);
    const leaders = await page.locator('[data-testid="leaderboard"] tbody tr').allTextContents();
    expect(leaders[0]).toContain('Ana');
    // the hostile display name is shown as text
    expect((await page.textContent('#main'))!).toContain('<script>alert(1)</script>');
    expect(await page.locator('[data-testid="compatibility"] tbody tr').count()).toBe(4);
    expect(await page.textContent('[data-testid="compatibility-formula"]')).toContain('Jaccard');
    expect(await page.textContent('[data-testid="shared-artists"]')).toContain('Aurora Lane');
    // Ben never played Glow; Ana and Cai did
    expect(await page.textContent('[data-testid="recommendations"]')).toContain('Glow');
    await expectInert(page);
    await screenshot(page, 'group');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'group-phone');
    await page.close();
  });

  it('charts: rank over time, new entries, movers, longest on chart, artist share', async () => {
    const page = await open('/charts');
    expect(await page.locator('canvas[aria-label="rank over time"]').count()).toBe(1);
    expect(await page.textContent('[data-testid="chart-new-entries"]')).toContain(
      HOSTILE_TRACK_NAME,
    );
    // the last day's climber: Kaffee 3 → 2
    expect(await page.textContent('[data-testid="chart-movers"]')).toContain('Kaffee');
    expect(await page.textContent('[data-testid="chart-longest"]')).toContain('Kaffee');
    expect(await page.textContent('[data-testid="chart-artist-share"]')).toContain('Aurora Lane');
    await expectInert(page);
    await screenshot(page, 'charts');
    await page.close();
  });

  it('pipeline: the last transform run and its steps', async () => {
    const page = await open('/pipeline');
    expect(await page.textContent('[data-testid="pipeline-summary"]')).toContain('succeeded');
    expect(await page.textContent('[data-testid="pipeline-runs"]')).toContain('run-e2e-0001');
    await screenshot(page, 'pipeline');
    await page.close();
  });

  it('connect: the members and their status', async () => {
    const page = await open('/connect');
    expect(await page.textContent('[data-testid="member-count"]')).toContain('4 of 5');
    expect(await page.textContent('[data-testid="members"]')).toContain(
      '<script>alert(1)</script>',
    );
    await expectInert(page);
    await screenshot(page, 'connect');
    await page.close();
  });

  it('live (without a stream aggregator) and admin login pages load', async () => {
    for (const [path, name] of [
      ['/live', 'live-unavailable'],
      ['/admin/login', 'admin-login'],
    ] as const) {
      const page = await open(path);
      expect(await page.textContent('h1')).toBeTruthy();
      await expectInert(page);
      await screenshot(page, name);
      await page.close();
    }
  });

  it('raised no script error and opened no dialog on any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
