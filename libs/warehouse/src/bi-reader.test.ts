import { describe, expect, it } from 'vitest';
import { biReaderUrl } from './bi-reader.ts';

describe('biReaderUrl', () => {
  it('points at the same server and database as bi_reader', () => {
    expect(biReaderUrl('postgres://insights:insights@127.0.0.1:5432/insights', 'bi_reader')).toBe(
      'postgres://bi_reader:bi_reader@127.0.0.1:5432/insights',
    );
  });

  it('encodes a password with URL characters in it', () => {
    const url = new URL(biReaderUrl('postgres://a:b@db:6543/x', 'p@ss/w:rd%'));
    expect(decodeURIComponent(url.password)).toBe('p@ss/w:rd%');
    expect([url.username, url.host, url.pathname]).toEqual(['bi_reader', 'db:6543', '/x']);
  });
});
