/** Milliseconds since the epoch, sub-millisecond and comparable between processes. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
