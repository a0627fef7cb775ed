import { describe, expect, it } from 'vitest';
import { countOf, percent } from './format.ts';

describe('percent', () => {
  it('shows a share with one decimal', () => {
    expect(percent(0.0312)).toBe('3.1%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(0)).toBe('0.0%');
  });
});

describe('countOf', () => {
  it('puts the noun in the plural except for one', () => {
    expect(countOf(0, 'row')).toBe('0 rows');
    expect(countOf(1, 'key')).toBe('1 key');
    expect(countOf(5, 'model')).toBe('5 models');
  });
});
