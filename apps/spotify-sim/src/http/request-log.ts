/*
 * A record of every Spotify-facing request, so tests can assert what a client did
 * (how many calls, which paths, whether it backed off) without instrumenting it.
 */
export interface LoggedRequest {
  /** When the answer was sent: real wall-clock time in epoch ms (not the simulated clock). */
  time: number;
  /**
   * When the request arrived (same clock). "Nothing was sent during a pause" is a claim
   * about arrivals: a request answered late can have arrived early.
   */
  receivedAt: number;
  method: string;
  host: 'api' | 'accounts';
  path: string;
  query: Record<string, string>;
  /** 0 when the connection was reset by a fault and no response was sent. */
  status: number;
  userId?: string;
}

const MAX_ENTRIES = 10_000;

export class RequestLog {
  #entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.#entries.push(entry);
    if (this.#entries.length > MAX_ENTRIES)
      this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
  }

  since(time: number): LoggedRequest[] {
    return this.#entries.filter((e) => e.time >= time);
  }

  clear(): void {
    this.#entries = [];
  }
}
