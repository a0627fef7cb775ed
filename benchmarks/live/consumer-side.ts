import { fork } from 'node:child_process';
import type { TopicSpec } from '@spotify-insights/streaming';

/** What the child runs: the live path (aggregator + SSE server) or a bare consumer. */
export interface ConsumerSideOptions {
  mode: 'live' | 'baseline';
  topic: TopicSpec;
  groupId: string;
  /** Records to wait for before saying `done` (baseline). */
  expected: number;
  intervalMs: number;
}

export interface LiveSideStats {
  records: number;
  counted: number;
  duplicates: number;
}

export type ToConsumerSide = { type: 'stop' };
export type FromConsumerSide =
  | { type: 'ready'; url: string | null }
  | { type: 'done' }
  | {
      type: 'stopped';
      /** Baseline: [play index, received at (epoch ms)] for every record. */
      received: Array<[number, number]>;
      stats: LiveSideStats | null;
      /** How late the child's event loop ran while it consumed (ms). */
      loopDelayMs: { p50: number; p99: number; max: number };
      /** CPU time the child used between ready and stop (µs). */
      cpuMicros: number;
    }
  | { type: 'failed'; message: string };

const CHILD = new URL('./consumer-process.ts', import.meta.url).pathname;

export interface ConsumerSide {
  /** The SSE stream's URL (live mode). */
  url: string | null;
  /** Resolves when the baseline consumer has received every record. */
  done: Promise<void>;
  stop(): Promise<Extract<FromConsumerSide, { type: 'stopped' }>>;
}

/**
 * Runs the consuming side in a process of its own, as the API runs apart from the
 * replay CLI: it has its own event loop, and the measuring client (here) does not
 * compete with it. Resolves once it is consuming (and, live, listening).
 */
export function startConsumerSide(options: ConsumerSideOptions): Promise<ConsumerSide> {
  const child = fork(CHILD, [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [
      '--disable-warning=TimeoutNegativeWarning',
      ...(process.env.BENCH_LIVE_CHILD_ARGS?.split(' ') ?? []),
    ],
  });
  const waiters = new Map<string, (message: FromConsumerSide) => void>();
  let failure: Error | undefined;
  let stopped = false;
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiter of waiters.values()) waiter({ type: 'failed', message: error.message });
  };
  child.on('message', (message: FromConsumerSide) => {
    if (message.type === 'stopped') stopped = true;
    if (message.type === 'failed') fail(new Error(`${options.mode} side: ${message.message}`));
    else waiters.get(message.type)?.(message);
  });
  child.on('exit', (code) => {
    if (!stopped) fail(new Error(`${options.mode} side exited (${code})`));
  });
  const next = <T extends FromConsumerSide['type']>(type: T) =>
    new Promise<Extract<FromConsumerSide, { type: T }>>((resolve, reject) => {
      if (failure) return reject(failure);
      waiters.set(type, (message) => {
        waiters.delete(type);
        if (message.type === 'failed') reject(failure ?? new Error(message.message));
        else resolve(message as Extract<FromConsumerSide, { type: T }>);
      });
    });
  const done = next('done').then(() => undefined);
  done.catch(() => undefined);
  return next('ready').then((ready) => ({
    url: ready.url,
    done,
    async stop() {
      const reply = next('stopped');
      child.send({ type: 'stop' } satisfies ToConsumerSide);
      return reply;
    },
  }));
}
