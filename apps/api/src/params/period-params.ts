import type { PeriodRequest, RangeName } from '@spotify-insights/warehouse';
import { ApiError } from '../errors/api-error.ts';
import { validTimeZone } from './time-zone.ts';

export interface PeriodQuery {
  range?: RangeName;
  from?: string;
  to?: string;
  tz?: string;
}

// far enough for any history, inside dim_date's calendar
const EARLIEST = '2000-01-01';
const LATEST = '2040-12-31';

/** The validated query turned into what the warehouse queries take (INVALID_RANGE otherwise). */
export function periodRequest(query: PeriodQuery, now: Date): PeriodRequest {
  const range = query.range ?? 'all';
  const timeZone = validTimeZone(query.tz);
  if (range !== 'custom') {
    if (query.from !== undefined || query.to !== undefined)
      throw new ApiError('INVALID_RANGE', 'from and to are for range=custom only');
    return { range, timeZone, now };
  }
  if (query.from === undefined || query.to === undefined)
    throw new ApiError('INVALID_RANGE', 'range=custom needs from and to (YYYY-MM-DD)');
  if (query.from > query.to) throw new ApiError('INVALID_RANGE', 'from is after to');
  if (query.from < EARLIEST || query.to > LATEST)
    throw new ApiError('INVALID_RANGE', `dates must be within ${EARLIEST}..${LATEST}`);
  return { range, from: query.from, to: query.to, timeZone, now };
}
