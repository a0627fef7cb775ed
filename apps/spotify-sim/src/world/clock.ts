/*
 * The simulator's notion of "now". Real time by default; tests switch it to a
 * simulated instant they set and advance, so token expiry, listening history and the
 * rate-limit window can be exercised without waiting.
 */

export interface SimClock {
  now(): number;
  isSimulated(): boolean;
  set(epochMs: number): void;
  advance(ms: number): void;
  useRealTime(): void;
}

export function createClock(initial?: number): SimClock {
  let simulated: number | undefined = initial;
  return {
    now: () => simulated ?? Date.now(),
    isSimulated: () => simulated !== undefined,
    set: (epochMs) => {
      simulated = epochMs;
    },
    advance: (ms) => {
      // Advancing real time means freezing it at now + ms: the caller asked for control.
      simulated = (simulated ?? Date.now()) + ms;
    },
    useRealTime: () => {
      simulated = undefined;
    },
  };
}
