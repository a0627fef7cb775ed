/*
 * The errors of the dashboard's own routes (connect, disconnect, admin login, page
 * data), a closed set of codes rendered in the API's one shape `{"error":{"code","message"}}`
 * by the error handler of their plugin (see web-plugin.ts / connect-plugin.ts).
 */

export const DASHBOARD_ERROR_CODES = {
  /** A state-changing request without the CSRF token of its cookie (or with another one). */
  CSRF_REJECTED: { status: 403 },
  /** An admin route without a valid bearer token or admin session cookie. */
  ADMIN_AUTH_REQUIRED: { status: 401 },
  /** ADMIN_TOKEN is not set: admin routes are closed rather than open. */
  ADMIN_DISABLED: { status: 503 },
  /** Connecting would make a sixth account (Spotify's Development Mode allows 5 users). */
  GROUP_FULL: { status: 409 },
  /** Spotify refused or failed the authorisation (denied consent, bad code, expired state). */
  CONNECT_FAILED: { status: 400 },
  /** The API was started without what connecting needs (TOKEN_ENCRYPTION_KEY). */
  CONNECT_NOT_CONFIGURED: { status: 503 },
  /** Deleting a member's data waited too long for a transform run in progress to end. */
  TRANSFORM_RUNNING: { status: 409 },
  /** No connected account with this user id. */
  MEMBER_NOT_FOUND: { status: 404 },
} as const;

export type DashboardErrorCode = keyof typeof DASHBOARD_ERROR_CODES;

export class DashboardError extends Error {
  readonly code: DashboardErrorCode;
  readonly status: number;

  constructor(code: DashboardErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DashboardError';
    this.code = code;
    this.status = DASHBOARD_ERROR_CODES[code].status;
  }

  body() {
    return { error: { code: this.code, message: this.message } };
  }
}
