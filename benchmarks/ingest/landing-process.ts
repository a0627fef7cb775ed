import { fork } from 'node:child_process';
import type { TopicSpec } from '@spotify-insights/streaming';
import type { LandedCounts, Landing } from './land-stage.ts';

export interface LandingProcessOptions {
  label: string;
  topic: TopicSpec;
  groupId: string;
  expected: number;
}

export type ToLander = { type: 'stop' };
export type FromLander =
  | { type: 'ready'; readyAt: number; joinSeconds: number }
  | { type: 'landed'; at: number }
  | { type: 'stopped'; counts: LandedCounts }
  | { type: 'failed'; message: string };

const LANDER = new URL('./land-process.ts', import.meta.url).pathname;

/**
 * Runs the consumer runtime in a child process (land-process.ts), so producer and
 * consumer each have an event loop, as the apps do; resolves once it is fetching.
 */
export function startLandingProcess(options: LandingProcessOptions): Promise<Landing> {
  const child = fork(LANDER, [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters = new Map<FromLander['type'], (message: FromLander) => void>();
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiter of waiters.values()) waiter({ type: 'failed', message: error.message });
  };
  let stopped = false;
  child.on('message', (message: FromLander) => {
    if (message.type === 'stopped') stopped = true;
    if (message.type === 'failed') fail(new Error(`${options.label}: ${message.message}`));
    else waiters.get(message.type)?.(message);
  });
  child.on('exit', (code) => {
    if (!stopped) fail(new Error(`${options.label}: the lander exited (${code})`));
  });

  /** The next message of this type, or the first failure. */
  const next = <T extends FromLander['type']>(type: T) =>
    new Promise<Extract<FromLander, { type: T }>>((resolve, reject) => {
      if (failure) return reject(failure);
      waiters.set(type, (message) => {
        waiters.delete(type);
        if (message.type === 'failed') reject(failure ?? new Error(message.message));
        else resolve(message as Extract<FromLander, { type: T }>);
      });
    });

  const landed = next('landed').then((m) => m.at);
  landed.catch(() => undefined); // observed by the caller; never an unhandled rejection
  return next('ready').then((ready) => ({
    readyAt: ready.readyAt,
    joinSeconds: ready.joinSeconds,
    landed,
    async stop() {
      const reply = next('stopped');
      child.send({ type: 'stop' } satisfies ToLander);
      const { counts } = await reply;
      return counts;
    },
  }));
}
