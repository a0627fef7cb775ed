import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetFile, CHART_JS_FILE, WEB_ROOT } from './static-assets.ts';

describe('static assets', () => {
  it('serves known types from apps/api/web only', () => {
    expect(assetFile('pages/overview.js')).toEqual({
      file: join(WEB_ROOT, 'pages/overview.js'),
      type: 'text/javascript; charset=utf-8',
    });
    expect(assetFile('styles.css')?.type).toMatch(/^text\/css/);
    expect(assetFile('../src/server.ts')).toBeUndefined();
    expect(assetFile('../../../package.json')).toBeUndefined();
    expect(assetFile('pages/../../src/web/x.js')).toBeUndefined();
    expect(assetFile('secrets.env')).toBeUndefined();
  });

  it('finds every page script and the chart library', () => {
    expect(existsSync(CHART_JS_FILE)).toBe(true);
    for (const page of [
      'overview',
      'top',
      'group',
      'charts',
      'live',
      'pipeline',
      'connect',
      'admin-login',
    ])
      expect(existsSync(join(WEB_ROOT, 'pages', `${page}.js`))).toBe(true);
  });
});
