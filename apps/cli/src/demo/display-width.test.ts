import { describe, expect, it } from 'vitest';
import { displayWidth, fitToWidth } from './display-width.ts';

describe('display width', () => {
  it('counts CJK and emoji as two columns and combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('夜 星')).toBe(5);
    expect(displayWidth('한국어')).toBe(6);
    expect(displayWidth('🎵x')).toBe(3);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('pads and cuts to the same number of columns whatever the script', () => {
    for (const text of ['Aurora Lane', '夜 星 シティ 夜', 'Beyoncé', '🎵🎵🎵🎵🎵🎵🎵', 'ab']) {
      expect(displayWidth(fitToWidth(text, 10))).toBe(10);
    }
    expect(fitToWidth('夜星シティ夜星', 8)).toBe('夜星シ… ');
    expect(fitToWidth('abcdefghijk', 5)).toBe('abcd…');
  });
});
