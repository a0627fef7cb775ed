import { describe, expect, it } from 'vitest';
import { parseCookies, serializeCookie } from './cookies.ts';

describe('cookies', () => {
  it('parses a Cookie header, first value wins, bad encodings skipped', () => {
    const cookies = parseCookies('a=1; si_csrf=abc%2Fdef; a=2; broken=%E0%A4%A; =x; flag');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('si_csrf')).toBe('abc/def');
    expect(cookies.has('broken')).toBe(false);
    expect(cookies.size).toBe(2);
    expect(parseCookies(undefined).size).toBe(0);
  });

  it('always sets Path=/ and SameSite=Strict; HttpOnly and Max-Age on request', () => {
    expect(serializeCookie('si_csrf', 'a b', { httpOnly: false })).toBe(
      'si_csrf=a%20b; Path=/; SameSite=Strict',
    );
    expect(serializeCookie('si_admin', 'x', { httpOnly: true, maxAgeSeconds: 0 })).toBe(
      'si_admin=x; Path=/; SameSite=Strict; HttpOnly; Max-Age=0',
    );
  });
});
