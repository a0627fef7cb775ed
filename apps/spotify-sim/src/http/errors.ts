/*
 * Every error the simulator can answer, as a closed set of codes. Web API errors use
 * Spotify's `{"error":{"status","message"}}` body; accounts errors use OAuth's
 * `{"error","error_description"}`. Handlers throw ApiError/OAuthError and one error
 * handler renders them, so no route invents its own shape.
 */

export const API_ERRORS = {
  bad_request: { status: 400, message: 'Bad request' },
  no_token: { status: 401, message: 'No token provided' },
  token_invalid: { status: 401, message: 'Invalid access token' },
  token_expired: { status: 401, message: 'The access token expired' },
  user_required: { status: 401, message: 'This request requires user authentication.' },
  insufficient_scope: { status: 403, message: 'Insufficient client scope' },
  forbidden: { status: 403, message: 'Forbidden' },
  not_found: { status: 404, message: 'Resource not found' },
  service_not_found: { status: 404, message: 'Service not found' },
  rate_limited: { status: 429, message: 'API rate limit exceeded' },
  quota_exceeded: { status: 429, message: 'API rate limit exceeded' },
  server_error: { status: 500, message: 'Server error.' },
  service_unavailable: { status: 503, message: 'Service unavailable' },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  constructor(code: ApiErrorCode, message?: string) {
    super(message ?? API_ERRORS[code].message);
    this.code = code;
    this.status = API_ERRORS[code].status;
  }

  body(): { error: { status: number; message: string; reason?: string } } {
    const error: { status: number; message: string; reason?: string } = {
      status: this.status,
      message: this.message,
    };
    if (this.code === 'quota_exceeded') error.reason = 'QUOTA_EXCEEDED';
    return { error };
  }
}

export const OAUTH_ERRORS = {
  invalid_request: 400,
  invalid_client: 400,
  invalid_grant: 400,
  unsupported_grant_type: 400,
  unauthorized_client: 400,
  invalid_scope: 400,
} as const;

export type OAuthErrorCode = keyof typeof OAUTH_ERRORS;

export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly status: number;
  constructor(code: OAuthErrorCode, description: string) {
    super(description);
    this.code = code;
    this.status = OAUTH_ERRORS[code];
  }

  body(): { error: string; error_description: string } {
    return { error: this.code, error_description: this.message };
  }
}
