import type { z } from 'zod';
import { SpotifyError } from '../errors/spotify-error.ts';

/** `items[3].track.album.id` — the path style people read in logs and errors. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      return index === 0 ? String(key) : `.${String(key)}`;
    })
    .join('');
}

/**
 * Turns a response body into typed data, or a BAD_RESPONSE naming where it went wrong.
 * Parsing here, once, means a malformed response fails at the edge instead of as an
 * `undefined` somewhere in the pipeline later.
 */
export function parseResponseBody<Schema extends z.ZodType>(
  text: string,
  schema: Schema,
  endpoint: string,
  status: number,
): z.infer<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SpotifyError(
      'BAD_RESPONSE',
      `${endpoint} answered with a body that is not complete JSON (${text.length} characters)`,
      { endpoint, status },
      error,
    );
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? formatIssuePath(issue.path) : '';
  throw new SpotifyError(
    'BAD_RESPONSE',
    `${endpoint} answered with an unexpected shape at ${path || '(root)'}: ${issue?.message ?? 'invalid'}`,
    { endpoint, status, path },
    result.error,
  );
}
