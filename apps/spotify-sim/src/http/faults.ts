/*
 * Injected failures for tests and demos: the next n requests matching a route answer
 * 500/503, arrive slowly, come back with a body cut in half, or have their connection
 * reset without any response.
 */
export const FAULT_KINDS = ['status500', 'status503', 'slow', 'truncated', 'reset'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  /** "GET /v1/me/top/tracks": method and path, either concrete or the route pattern. */
  route: string;
  kind: FaultKind;
  remaining: number;
  delayMs: number;
}

export const DEFAULT_SLOW_MS = 2_000;

export class FaultBook {
  #faults: Fault[] = [];

  add(route: string, kind: FaultKind, times = 1, delayMs = DEFAULT_SLOW_MS): void {
    this.#faults.push({ route: normalise(route), kind, remaining: times, delayMs });
  }

  clear(): void {
    this.#faults = [];
  }

  list(): readonly Fault[] {
    return this.#faults;
  }

  /** Consumes and returns the first fault matching this request, if any. */
  take(method: string, path: string, pattern: string | undefined): Fault | undefined {
    const candidates = [
      normalise(`${method} ${path}`),
      pattern ? normalise(`${method} ${pattern}`) : '',
    ];
    const fault = this.#faults.find((f) => f.remaining > 0 && candidates.includes(f.route));
    if (!fault) return undefined;
    fault.remaining--;
    this.#faults = this.#faults.filter((f) => f.remaining > 0);
    return fault;
  }
}

function normalise(route: string): string {
  const [method = '', path = ''] = route.trim().split(/\s+/, 2);
  return `${method.toUpperCase()} ${path.replace(/\/+$/, '')}`;
}
