import type { FastifyInstance } from 'fastify';
import { ensureCsrfCookie } from '../connect/csrf.ts';
import type { ConnectDeps } from '../connect/connect-deps.ts';
import { handleDashboardErrors } from '../connect/dashboard-errors-handler.ts';
import type { ApiDeps } from '../deps.ts';
import { registerDashboardDataRoutes } from './dashboard-data-routes.ts';
import { contentSecurityPolicy, pageShell } from './page-shell.ts';
import { DASHBOARD_PAGES } from './pages.ts';
import { assetFile, CHART_JS_FILE, readAsset } from './static-assets.ts';

/**
 * The web dashboard, served by the API: one HTML shell per page (each sets the CSRF
 * cookie its forms and fetches send back), the page scripts and styles of apps/api/web,
 * the chart library from node_modules, and the two small JSON reads only the pages need.
 */
export async function webPlugin(
  app: FastifyInstance,
  options: { deps: ApiDeps & { connect?: ConnectDeps | undefined } },
): Promise<void> {
  const { deps } = options;
  handleDashboardErrors(app, deps.logger);
  const accounts = deps.connect?.spotify.accountsBaseUrl;
  const csp = contentSecurityPolicy(accounts ? [new URL(accounts).origin] : []);

  for (const page of DASHBOARD_PAGES) {
    const html = pageShell(page);
    app.get(page.path, { schema: { hide: true } }, async (request, reply) => {
      ensureCsrfCookie(request, reply);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', csp)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'same-origin')
        .header('cache-control', 'no-store')
        .send(html);
    });
  }

  app.get(
    '/assets/vendor/chart.umd.min.js',
    { schema: { hide: true } },
    async (_request, reply) => {
      const body = await readAsset(CHART_JS_FILE);
      if (!body) return reply.callNotFound();
      return reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(body);
    },
  );

  app.get<{ Params: { '*': string } }>(
    '/assets/*',
    { schema: { hide: true } },
    async (request, reply) => {
      const asset = assetFile(request.params['*']);
      const body = asset && (await readAsset(asset.file));
      if (!asset || !body) return reply.callNotFound();
      return reply
        .header('content-type', asset.type)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-cache')
        .send(body);
    },
  );

  registerDashboardDataRoutes(app, deps);
}
