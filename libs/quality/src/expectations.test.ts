import { describe, expect, it } from 'vitest';
import {
  acceptedValues,
  columnsOf,
  DEFAULT_MAX_FAILING_SHARE,
  defineModelQuality,
  expression,
  freshness,
  isRowLevel,
  matchesRegex,
  notNull,
  range,
  rowCount,
  unique,
} from './expectations.ts';

describe('expectation builders', () => {
  it('declare a model like dbt tests, with names, severities and shares defaulted', () => {
    const model = defineModelQuality({
      model: 'plays',
      expectations: [
        notNull('track_id'),
        acceptedValues('reason_end', ['trackdone', 'fwdbtn'], { severity: 'warn' }),
        range('ms_played', { min: 0 }, { description: 'Spotify never reports negative time' }),
        matchesRegex('track_id', '^[0-9A-Za-z]{22}$', { name: 'track_id_is_base62' }),
        expression('ended_after_started', 'ended_at >= started_at'),
        unique(['user_id', 'played_at']),
        rowCount({ min: 1 }),
        freshness('fetched_at', { maxAgeHours: 24 }),
      ],
    });
    expect(
      model.expectations.map(({ name, kind, severity, maxFailingShare }) => ({
        name,
        kind,
        severity,
        maxFailingShare,
      })),
    ).toEqual([
      { name: 'not_null(track_id)', kind: 'not_null', severity: 'critical', maxFailingShare: 0.05 },
      {
        name: 'accepted_values(reason_end)',
        kind: 'accepted_values',
        severity: 'warn',
        maxFailingShare: 0.05,
      },
      { name: 'range(ms_played)', kind: 'range', severity: 'critical', maxFailingShare: 0.05 },
      {
        name: 'track_id_is_base62',
        kind: 'matches_regex',
        severity: 'critical',
        maxFailingShare: 0.05,
      },
      {
        name: 'ended_after_started',
        kind: 'expression',
        severity: 'critical',
        maxFailingShare: 0.05,
      },
      {
        name: 'unique(user_id, played_at)',
        kind: 'unique',
        severity: 'critical',
        maxFailingShare: 0,
      },
      { name: 'row_count', kind: 'row_count', severity: 'critical', maxFailingShare: 0 },
      {
        name: 'freshness(fetched_at)',
        kind: 'freshness',
        severity: 'critical',
        maxFailingShare: 0,
      },
    ]);
    expect(model.expectations[2]?.description).toBe('Spotify never reports negative time');
    expect(model.expectations.map(isRowLevel)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(DEFAULT_MAX_FAILING_SHARE).toEqual({ rowLevel: 0.05, tableLevel: 0 });
  });

  it('know the columns each kind reads', () => {
    expect(columnsOf(notNull('a'))).toEqual(['a']);
    expect(columnsOf(unique(['a', 'b']))).toEqual(['a', 'b']);
    expect(columnsOf(expression('e', 'a > b'))).toEqual([]);
    expect(columnsOf(rowCount({ max: 3 }))).toEqual([]);
  });

  it('refuse declarations that cannot mean anything', () => {
    expect(() => notNull(' ')).toThrow(/column cannot be blank/);
    expect(() => acceptedValues('a', [])).toThrow(/cannot be empty/);
    expect(() => acceptedValues('a', ['x', 1])).toThrow(/one type/);
    expect(() => range('a', {})).toThrow(/min or max/);
    expect(() => range('a', { min: 5, max: 1 })).toThrow(/min above max/);
    expect(() => range('a', { min: 0, max: new Date() })).toThrow(/mixes/);
    expect(() => range('a', { min: new Date('nonsense') })).toThrow(/invalid date/);
    expect(() => matchesRegex('a', '')).toThrow(/pattern/);
    expect(() => expression('e', '  ')).toThrow(/predicate of e/);
    expect(() => unique([])).toThrow(/at least one column/);
    expect(() => rowCount({})).toThrow(/min or max/);
    expect(() => rowCount({ min: -1 })).toThrow(/whole numbers/);
    expect(() => rowCount({ min: 1.5 })).toThrow(/whole numbers/);
    expect(() => rowCount({ min: 3, max: 2 })).toThrow(/min above max/);
    expect(() => freshness('a', { maxAgeHours: 0 })).toThrow(/positive maxAgeHours/);
    expect(() => notNull('a', { maxFailingShare: 1.5 })).toThrow(/between 0 and 1/);
    expect(() => notNull('a', { maxFailingShare: Number.NaN })).toThrow(/between 0 and 1/);
  });

  it('throw DECLARATION_INVALID', () => {
    expect(() => rowCount({})).toThrow(expect.objectContaining({ code: 'DECLARATION_INVALID' }));
  });

  it('refuse a model with two expectations of the same name, since quarantine names them', () => {
    expect(() =>
      defineModelQuality({
        model: 'plays',
        expectations: [range('a', { min: 0 }), range('a', { max: 9 })],
      }),
    ).toThrow(/two expectations named range\(a\)/);
    expect(() => defineModelQuality({ model: '', expectations: [] })).toThrow(/model name/);
  });
});
