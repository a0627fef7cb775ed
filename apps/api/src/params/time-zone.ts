import { ApiError } from '../errors/api-error.ts';

// Area/Location names (and UTC, Etc/GMT+5): no offsets like "+05:00", which PostgreSQL
// reads with POSIX's inverted sign.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/** The time zone if it is an IANA name the runtime knows; INVALID_TIME_ZONE otherwise. */
export function validTimeZone(tz: string | undefined): string | undefined {
  if (tz === undefined) return undefined;
  if (IANA_NAME.test(tz)) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return tz;
    } catch {
      // falls through to the error below
    }
  }
  throw new ApiError('INVALID_TIME_ZONE', `tz must be an IANA time zone such as Europe/Berlin`);
}
