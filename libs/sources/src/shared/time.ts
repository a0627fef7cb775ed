const DAY_MS = 86_400_000;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_INTERVAL_MS = DAY_MS;

/** Avro `date`: whole days since 1970-01-01 in UTC. */
export function utcDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

/**
 * Spotify's ISO time as epoch ms. An unparseable time gives NaN on purpose: the record
 * then fails its Avro check and goes to the dead-letter topic with a reason, instead of
 * us inventing a time or failing the user's whole batch.
 */
export function epochMs(iso: string): number {
  return Date.parse(iso);
}

/** `epochMs` for fields Spotify may leave out (very old playlist entries). */
export function epochMsOrNull(iso: string | null | undefined): number | null {
  return iso === null || iso === undefined ? null : epochMs(iso);
}
