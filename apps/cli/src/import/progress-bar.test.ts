import { describe, expect, it } from 'vitest';
import { progressLine } from './progress-bar.ts';

describe('progressLine', () => {
  it('shows percent by bytes and records per second', () => {
    const line = progressLine(
      { file: 'a.json', bytesRead: 50, totalBytes: 200, position: 10, records: 9, deadLettered: 1 },
      0,
      2000,
    );
    expect(line).toBe(
      'a.json [######..................]  25%  9 records, 1 dead-lettered  5 records/s',
    );
  });
});
