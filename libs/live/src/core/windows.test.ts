import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseWindowSpec } from './windows.ts';

describe('window lengths', () => {
  it('reads 90s, 5m, 1h, 7d', () => {
    expect(parseDurationMs('90s')).toBe(90_000);
    expect(parseDurationMs('5m')).toBe(300_000);
    expect(parseDurationMs('1h')).toBe(3_600_000);
    expect(parseDurationMs('7d')).toBe(604_800_000);
    expect(parseWindowSpec('15m')).toEqual({ name: '15m', lengthMs: 900_000 });
  });

  it('refuses anything else', () => {
    for (const text of ['', '5', 'm', '0m', '-5m', '5 m', '5w', '1.5h']) {
      expect(parseDurationMs(text)).toBeUndefined();
      expect(() => parseWindowSpec(text)).toThrow(
        expect.objectContaining({ code: 'BAD_WINDOW_SPEC' }),
      );
    }
  });
});
