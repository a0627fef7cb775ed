import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when GET url answers 2xx within the timeout. */
export async function isHttpOk(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Polls `check` until it is true. `stillRunning` lets a crashed server fail fast instead
 * of waiting out the whole timeout.
 */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  options: {
    timeoutMs: number;
    intervalMs?: number;
    stillRunning?: () => boolean;
    logFile?: string;
  },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (options.stillRunning && !options.stillRunning()) {
      throw new Error(
        `${what} exited during start-up${options.logFile ? `; see ${options.logFile}` : ''}`,
      );
    }
    await sleep(options.intervalMs ?? 250);
  }
  throw new Error(
    `${what} was not ready after ${Math.round(options.timeoutMs / 1000)} s${options.logFile ? `; see ${options.logFile}` : ''}`,
  );
}
