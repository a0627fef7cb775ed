/*
 * Query-parameter parsing with Spotify's error messages, so invalid input yields the
 * same 400s a client would see from the real API.
 */
import { ApiError } from '../http/errors.ts';

export function intParam(
  raw: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw new ApiError('bad_request', `Invalid ${name}`);
  const value = Number(raw);
  if (value < min || value > max) throw new ApiError('bad_request', `Invalid ${name}`);
  return value;
}

export function limitParam(query: Record<string, string>, max = 50, fallback = 20): number {
  return intParam(query.limit, 'limit', Math.min(fallback, max), 1, max);
}

export function offsetParam(query: Record<string, string>, max = 100_000): number {
  return intParam(query.offset, 'offset', 0, 0, max);
}

/** Applies offset/limit to a full list and returns the page plus the numbers Spotify reports. */
export function slicePage<T>(all: readonly T[], query: Record<string, string>, max = 50) {
  const limit = limitParam(query, max);
  const offset = offsetParam(query);
  return { items: all.slice(offset, offset + limit), limit, offset, total: all.length };
}
