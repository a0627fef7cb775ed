import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.ts';
import { REPO_ROOT } from './screenshots.ts';

export interface Simulator {
  url: string;
  users: { id: string; displayName: string }[];
  close(): Promise<void>;
}

/** The Spotify simulator (apps/spotify-sim) in its own process on a free port. */
export async function startSimulator(env: Record<string, string> = {}): Promise<Simulator> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [join(REPO_ROOT, 'apps/spotify-sim/src/main.ts')],
    {
      env: { ...process.env, ...env, SPOTIFY_SIM_PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const users = await fetch(`${url}/_sim/users`)
      .then((r) => (r.ok ? (r.json() as Promise<Simulator['users']>) : undefined))
      .catch(() => undefined);
    if (users) return { url, users, close };
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error('the Spotify simulator did not start');
    }
    await sleep(100);
  }
}
