import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.ts';
import { periodRequest } from './period-params.ts';
import { validTimeZone } from './time-zone.ts';

const now = new Date('2026-06-15T12:00:00Z');
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as ApiError).code;
  }
  return 'no error';
};

describe('periodRequest', () => {
  it('defaults to all time in the user’s zone', () => {
    expect(periodRequest({}, now)).toEqual({ range: 'all', timeZone: undefined, now });
  });

  it('takes custom dates, inclusive, in order', () => {
    expect(
      periodRequest({ range: 'custom', from: '2026-01-01', to: '2026-01-31' }, now),
    ).toMatchObject({
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(codeOf(() => periodRequest({ range: 'custom', from: '2026-02-01' }, now))).toBe(
      'INVALID_RANGE',
    );
    expect(
      codeOf(() => periodRequest({ range: 'custom', from: '2026-02-01', to: '2026-01-01' }, now)),
    ).toBe('INVALID_RANGE');
    expect(
      codeOf(() => periodRequest({ range: 'custom', from: '1999-12-31', to: '2026-01-01' }, now)),
    ).toBe('INVALID_RANGE');
    expect(codeOf(() => periodRequest({ range: '4w', to: '2026-01-01' }, now))).toBe(
      'INVALID_RANGE',
    );
  });
});

describe('validTimeZone', () => {
  it('accepts IANA names', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])
      expect(validTimeZone(tz)).toBe(tz);
    expect(validTimeZone(undefined)).toBeUndefined();
  });

  it('refuses offsets, unknown zones and anything else', () => {
    for (const tz of ['+05:00', 'Mars/Olympus', "UTC'; drop", '', 'Europe/../etc'])
      expect(codeOf(() => validTimeZone(tz))).toBe('INVALID_TIME_ZONE');
  });
});
