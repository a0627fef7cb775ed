import { DASHBOARD_PAGES, type DashboardPage } from './pages.ts';

/*
 * Every page is the same static shell: navigation, an empty <main>, the chart library and
 * the page's module. The data arrives as JSON and is put into the DOM as text by the
 * script (never as markup), so nothing from the warehouse is ever part of this HTML.
 */

const escape = (s: string) =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

export function pageShell(page: DashboardPage): string {
  const nav = DASHBOARD_PAGES.filter((p) => p.nav)
    .map(
      (p) =>
        `<a href="${escape(p.path)}"${p.name === page.name ? ' aria-current="page"' : ''}>${escape(p.title)}</a>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(page.title)} · spotify-insights</title>
<link rel="stylesheet" href="/assets/styles.css">
<script src="/assets/vendor/chart.umd.min.js" defer></script>
<script type="module" src="/assets/pages/${escape(page.name)}.js"></script>
</head>
<body data-page="${escape(page.name)}">
<header><span class="brand">spotify-insights</span><nav>${nav}</nav></header>
<main id="main"><p class="loading" data-state="loading">Loading…</p></main>
</body>
</html>
`;
}

/**
 * Scripts only from this server (so a name that is `<script>` markup can never run even
 * if it got into the DOM as HTML); styles may be set by the chart library at run time.
 */
export function contentSecurityPolicy(formTargets: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    // the connect form's POST redirects to Spotify's consent page
    `form-action 'self' ${formTargets.join(' ')}`.trim(),
  ].join('; ');
}
