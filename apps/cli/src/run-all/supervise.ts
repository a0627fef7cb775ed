import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface AppToRun {
  name: string;
  command: string;
  args: string[];
  /** Added to this process's environment for the app. */
  env?: Record<string, string>;
}

export interface SuperviseOptions {
  /** Where each prefixed output line goes (stdout by default). */
  write?: (line: string) => void;
  /** Lets tests stop the group without sending this process a signal. */
  signal?: AbortSignal;
}

const COLOURS = [31, 32, 33, 34, 35, 36, 91, 92, 93, 94, 95, 96];

/**
 * Runs several apps as one: every output line prefixed with its app's name; SIGINT or
 * SIGTERM stops them all (each finishes its work and exits); if one dies on its own, the
 * others are stopped and the result is 1. Resolves with the exit code to use.
 */
export function superviseAll(
  apps: readonly AppToRun[],
  options: SuperviseOptions = {},
): Promise<number> {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const width = Math.max(...apps.map((a) => a.name.length));
  const colour = process.stdout.isTTY && !options.write;
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  let failed = false;

  const stopAll = () => {
    if (stopping) return;
    stopping = true;
    for (const child of children.values()) if (child.exitCode === null) child.kill('SIGTERM');
  };
  const onSignal = () => stopAll();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  options.signal?.addEventListener('abort', stopAll);

  return new Promise((resolve) => {
    let running = apps.length;
    apps.forEach((app, index) => {
      const label = app.name.padEnd(width);
      const prefix = colour
        ? `\u001b[${COLOURS[index % COLOURS.length]}m${label}\u001b[0m | `
        : `${label} | `;
      const child = spawn(app.command, app.args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...app.env },
      });
      children.set(app.name, child);
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream! }).on('line', (line) => write(`${prefix}${line}\n`));
      }
      child.on('exit', (code, signal) => {
        const clean = code === 0 || (stopping && signal === 'SIGTERM');
        if (!clean) {
          failed = true;
          write(
            `${prefix}exited with ${code ?? signal}${stopping ? '' : '; stopping the others'}\n`,
          );
          stopAll();
        }
        running -= 1;
        if (running === 0) {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolve(failed ? 1 : 0);
        }
      });
    });
  });
}
