/*
 * PKCE checks as Spotify applies them: S256 only, verifier 43–128 characters of the
 * RFC 7636 unreserved set.
 */
import { createHash } from 'node:crypto';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function isValidVerifier(verifier: string): boolean {
  return VERIFIER.test(verifier);
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/**
 * Redirect URIs must be HTTPS, or plain HTTP only to a loopback IP literal; the name
 * `localhost` is refused since 2025.
 */
export function redirectUriProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'redirect_uri is not a valid URL';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol !== 'http:') return 'redirect_uri must use https';
  if (url.hostname === 'localhost')
    return 'localhost is not allowed as redirect URI; use 127.0.0.1';
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]')
    return 'insecure redirect URI: http is allowed only for loopback addresses';
  return undefined;
}
