/*
 * Cookies without a dependency: the dashboard sets three (CSRF token, admin session)
 * and reads them back, nothing more.
 */

/** name → value of a Cookie request header; malformed pairs are skipped. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? '' : pair.slice(0, eq).trim();
    if (name === '') continue;
    const raw = pair.slice(eq + 1).trim();
    try {
      if (!cookies.has(name)) cookies.set(name, decodeURIComponent(raw));
    } catch {
      // a value that is not valid percent-encoding is not ours
    }
  }
  return cookies;
}

export interface CookieOptions {
  /** Readable by the page's JavaScript (the CSRF token must be; the admin session must not). */
  httpOnly: boolean;
  maxAgeSeconds?: number;
}

/**
 * A Set-Cookie value: always Path=/ and SameSite=Strict, so no other site's page can
 * make the browser send it along.
 */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Strict'];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join('; ');
}
