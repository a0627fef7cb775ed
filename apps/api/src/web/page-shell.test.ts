import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, pageShell } from './page-shell.ts';
import { DASHBOARD_PAGES } from './pages.ts';

describe('page shell', () => {
  it('loads the chart library and the page module, marks the current page', () => {
    const top = DASHBOARD_PAGES.find((p) => p.name === 'top')!;
    const html = pageShell(top);
    expect(html).toContain('<script src="/assets/vendor/chart.umd.min.js" defer></script>');
    expect(html).toContain('<script type="module" src="/assets/pages/top.js"></script>');
    expect(html).toContain('<a href="/top" aria-current="page">Top 10</a>');
    expect(html).toContain('name="viewport" content="width=device-width, initial-scale=1"');
    // the admin login is reachable from the connect page, not the navigation
    expect(html).not.toContain('href="/admin/login"');
  });

  it('allows scripts from this server only, forms to it and to Spotify', () => {
    const csp = contentSecurityPolicy(['https://accounts.spotify.com']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("form-action 'self' https://accounts.spotify.com");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
