import { describe, expect, it } from 'vitest';
import { fromNdjson, toNdjson } from './ndjson.ts';

describe('ndjson', () => {
  it('round-trips records, one per line, including hostile strings', () => {
    const records = [
      { name: '<script>alert(1)</script>' },
      { name: "'; DROP TABLE x;--\nnext" },
      { n: 'ß漢字' },
    ];
    const text = toNdjson(records);
    expect(text.split('\n')).toHaveLength(4);
    expect(fromNdjson(text)).toEqual(records);
  });

  it('names the bad line', () => {
    expect(() => fromNdjson('{"a":1}\n{"a":\n')).toThrow(/NDJSON line 2/);
  });
});
