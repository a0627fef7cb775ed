import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const REPO_ROOT = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  '..',
);
/** Every test run's screenshots (not committed). */
export const SCREENSHOT_DIR = join(REPO_ROOT, '.local', 'screenshots');
/** The one the README shows (committed). */
export const README_SCREENSHOT = join(REPO_ROOT, 'docs', 'screenshots', 'dashboard-overview.png');

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

export async function publishReadmeScreenshot(file: string): Promise<void> {
  await mkdir(dirname(README_SCREENSHOT), { recursive: true });
  await copyFile(file, README_SCREENSHOT);
}
