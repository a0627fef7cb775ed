import { LiveError } from './live-error.ts';

/** A sliding window of event time, named as the API asks for it (`5m`, `1h`). */
export interface WindowSpec {
  name: string;
  lengthMs: number;
}

/** The window that never slides: every play counted since the aggregator started. */
export const ALL_TIME_WINDOW = 'all';

export const DEFAULT_WINDOWS: readonly WindowSpec[] = [
  { name: '5m', lengthMs: 5 * 60_000 },
  { name: '1h', lengthMs: 60 * 60_000 },
];

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `5m`, `1h`, `7d` in ms; anything else is undefined. */
export function parseDurationMs(text: string): number | undefined {
  const match = /^([1-9]\d{0,5})([smhd])$/.exec(text);
  return match ? Number(match[1]) * UNITS[match[2]!]! : undefined;
}

/** A window named by its length (`5m`); anything but a length is BAD_WINDOW_SPEC. */
export function parseWindowSpec(name: string): WindowSpec {
  const lengthMs = parseDurationMs(name);
  if (lengthMs === undefined) {
    throw new LiveError(
      'BAD_WINDOW_SPEC',
      `window "${name}" is not a length like 90s, 5m, 1h or 7d`,
    );
  }
  return { name, lengthMs };
}
