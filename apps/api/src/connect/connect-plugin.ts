import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ApiDeps } from '../deps.ts';
import { errorResponse } from '../params/schemas.ts';
import {
  ADMIN_COOKIE,
  ADMIN_SESSION_SECONDS,
  adminSessionValue,
  isAdmin,
  isAdminToken,
  requireAdmin,
  usesBearer,
} from './admin-auth.ts';
import type { ConnectDeps } from './connect-deps.ts';
import { serializeCookie } from './cookies.ts';
import { verifyCsrf } from './csrf.ts';
import { handleDashboardErrors } from './dashboard-errors-handler.ts';
import { DashboardError } from './dashboard-error.ts';
import { acceptFormBodies } from './form-body.ts';
import { MAX_MEMBERS, MemberStore } from './member-store.ts';
import { OAuthConnect } from './oauth-connect.ts';
import { deleteUserData, NOTHING_DELETED } from './user-data-deletion.ts';

export const CALLBACK_PATH = '/auth/callback';

const member = {
  type: 'object',
  properties: {
    userId: { type: 'string' },
    displayName: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['ok', 'needs-reconnect'] },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** Back to the connect page with an outcome the page turns into a message. */
function backToConnectPage(reply: FastifyReply, outcome: Record<string, string>) {
  return reply.redirect(`/connect?${new URLSearchParams(outcome).toString()}`, 303);
}

/**
 * §3 connect and disconnect: a friend starts at /connect, consents on Spotify's page,
 * comes back to /auth/callback and is a member (at most five); an admin disconnects a
 * member and, on request, deletes their data from the lake and the warehouse. Every
 * state-changing route checks the CSRF token; admin ones also ADMIN_TOKEN.
 */
export async function connectPlugin(
  app: FastifyInstance,
  options: { deps: ApiDeps & { connect?: ConnectDeps | undefined } },
): Promise<void> {
  const { deps } = options;
  const connect = deps.connect;
  const key = connect?.spotify.tokenEncryptionKey;
  const members = key ? new MemberStore(deps.owner, key) : undefined;
  const oauth = connect ? new OAuthConnect(connect.spotify, connect.fetch) : undefined;
  const adminToken = connect?.adminToken;
  const redirectUri = () => connect?.redirectUri?.() ?? connect?.spotify.redirectUri ?? '';
  const requireMembers = () => {
    if (!members || !oauth)
      throw new DashboardError(
        'CONNECT_NOT_CONFIGURED',
        'connecting Spotify accounts needs TOKEN_ENCRYPTION_KEY (openssl rand -base64 32)',
      );
    return { members, oauth };
  };

  handleDashboardErrors(app, deps.logger);
  acceptFormBodies(app);

  app.get(
    '/api/connect/members',
    {
      schema: {
        tags: ['group'],
        summary: `The connected accounts (at most ${MAX_MEMBERS}) and each one's status: ok, or needs-reconnect once Spotify refused a token refresh`,
        response: {
          200: {
            type: 'object',
            properties: {
              maxMembers: { type: 'integer' },
              members: { type: 'array', items: member },
            },
          },
          503: errorResponse,
        },
      },
    },
    async () => ({ maxMembers: MAX_MEMBERS, members: await requireMembers().members.list() }),
  );

  app.get(
    '/api/connect/session',
    {
      schema: {
        tags: ['group'],
        summary:
          'Whether admin routes are on (ADMIN_TOKEN set) and this browser is logged in as admin',
        response: {
          200: {
            type: 'object',
            properties: { adminEnabled: { type: 'boolean' }, admin: { type: 'boolean' } },
          },
        },
      },
    },
    async (request) => ({
      adminEnabled: adminToken !== undefined,
      admin: isAdmin(request, adminToken),
    }),
  );

  app.post<{ Params: { userId: string }; Body: { deleteData?: boolean } }>(
    '/api/connect/members/:userId/disconnect',
    {
      schema: {
        tags: ['group'],
        summary:
          'Admin: deletes the member’s Spotify tokens; with deleteData also their objects under user_id=<id> in the lake (raw), their rows in the processed and presentation files (rewritten without them, deleted when none remain) and their rows in the warehouse (facts and dim_user), under the transform lock (409 TRANSFORM_RUNNING when a run outlasts the wait). Needs the CSRF header unless authenticated with a bearer token.',
        params: {
          type: 'object',
          required: ['userId'],
          properties: { userId: { type: 'string', minLength: 1, maxLength: 128 } },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { deleteData: { type: 'boolean', default: false } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              userId: { type: 'string' },
              tokensDeleted: { type: 'boolean' },
              dataDeleted: { type: 'boolean' },
              objectsDeleted: { type: 'integer' },
              lakeFilesRewritten: { type: 'integer' },
              lakeFilesDeleted: { type: 'integer' },
              lakeRowsRemoved: { type: 'integer' },
              warehouseRowsDeleted: { type: 'integer' },
            },
          },
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          503: errorResponse,
        },
      },
    },
    async (request) => {
      requireAdmin(request, adminToken);
      // A bearer token is never sent by the browser on its own: no CSRF risk there.
      if (!usesBearer(request)) verifyCsrf(request);
      const { members } = requireMembers();
      const { userId } = request.params;
      const deleteData = request.body?.deleteData ?? false;
      const tokensDeleted = await members.remove(userId);
      if (!tokensDeleted && !deleteData)
        throw new DashboardError(
          'MEMBER_NOT_FOUND',
          `no connected account ${JSON.stringify(userId)}`,
        );
      const report = deleteData
        ? await deleteUserData(deps.owner, connect?.lake, userId, deps.logger)
        : NOTHING_DELETED;
      deps.logger.info('member disconnected', { userId, deleteData, ...report });
      return { userId, tokensDeleted, dataDeleted: deleteData, ...report };
    },
  );

  // --- browser routes (forms and redirects), not part of the JSON API ---

  app.post('/connect/start', { schema: { hide: true } }, async (request, reply) => {
    verifyCsrf(request);
    if (!members || !oauth) return backToConnectPage(reply, { error: 'CONNECT_NOT_CONFIGURED' });
    return reply.redirect(oauth.start(redirectUri()), 303);
  });

  const callbackPaths = new Set([CALLBACK_PATH]);
  if (connect) callbackPaths.add(new URL(connect.spotify.redirectUri).pathname);
  for (const path of callbackPaths)
    app.get<{ Querystring: Record<string, string | undefined> }>(
      path,
      { schema: { hide: true } },
      async (request, reply) => {
        const { code, state, error } = request.query;
        try {
          const ready = requireMembers();
          if (error || !code || !state)
            throw new DashboardError(
              'CONNECT_FAILED',
              error === 'access_denied'
                ? 'the Spotify consent was cancelled or refused'
                : `Spotify answered ${error ?? 'without a code'}`,
            );
          const account = await ready.oauth.complete({ code, state });
          const { reconnected } = await ready.members.save(account.userId, account.tokens);
          deps.logger.info('member connected', { userId: account.userId, reconnected });
          return backToConnectPage(reply, {
            connected: account.userId,
            ...(reconnected ? { reconnected: '1' } : {}),
          });
        } catch (failure) {
          if (!(failure instanceof DashboardError)) throw failure;
          return backToConnectPage(reply, {
            error: failure.code,
            detail: failure.message.slice(0, 300),
          });
        }
      },
    );

  app.post<{ Body: { token?: string } }>(
    '/admin/login',
    { schema: { hide: true } },
    async (request, reply) => {
      verifyCsrf(request);
      if (!adminToken) return reply.redirect('/admin/login?error=ADMIN_DISABLED', 303);
      if (!isAdminToken(request.body?.token ?? '', adminToken))
        return reply.redirect('/admin/login?error=ADMIN_AUTH_REQUIRED', 303);
      reply.header(
        'set-cookie',
        serializeCookie(ADMIN_COOKIE, adminSessionValue(adminToken), {
          httpOnly: true,
          maxAgeSeconds: ADMIN_SESSION_SECONDS,
        }),
      );
      return reply.redirect('/connect', 303);
    },
  );

  app.post('/admin/logout', { schema: { hide: true } }, async (request, reply) => {
    verifyCsrf(request);
    reply.header(
      'set-cookie',
      serializeCookie(ADMIN_COOKIE, '', { httpOnly: true, maxAgeSeconds: 0 }),
    );
    return reply.redirect('/connect', 303);
  });
}
