import { SpotifyError } from '../errors/spotify-error.ts';

export type FetchFunction = typeof fetch;

export interface Arrived {
  response: Response;
  /** Unix ms the status line and headers arrived; a 429's pause counts from here. */
  arrivedAt: number;
}

/** Error text that could echo a URL or header is left out: only the code or name is kept. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (error instanceof Error) return error.name === 'TimeoutError' ? 'timeout' : error.name;
  return 'unknown error';
}

/**
 * One HTTP exchange with a time limit. Connection resets, hang-ups, DNS failures and
 * timeouts become NETWORK (retryable); an HTTP status, whatever it is, is returned.
 */
export async function fetchWithTimeout(
  fetchImpl: FetchFunction,
  url: string,
  init: RequestInit,
  endpoint: string,
  timeoutMs: number,
  now: () => number,
): Promise<Arrived> {
  try {
    const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { response, arrivedAt: now() };
  } catch (error) {
    throw new SpotifyError('NETWORK', `${endpoint} failed before an answer (${describe(error)})`, {
      endpoint,
    });
  }
}

/** The body as text; a connection dropped half-way through is a NETWORK failure. */
export async function readText(response: Response, endpoint: string): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw new SpotifyError(
      'NETWORK',
      `${endpoint} answer was cut off while reading (${describe(error)})`,
      { endpoint, status: response.status },
    );
  }
}
