import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from '@spotify-insights/config';
import { REPO_ROOT } from '../stack/paths.ts';

export interface SimulatorProcess {
  url: string;
  stop(): Promise<void>;
}

/** True when the configured Spotify is the simulator on its local port (the default). */
export function usesLocalSimulator(config: AppConfig): boolean {
  return config.spotify.apiBaseUrl === `http://127.0.0.1:${config.spotifySim.port}/v1`;
}

/**
 * Starts apps/spotify-sim as a child process on SPOTIFY_SIM_PORT and waits until it
 * answers. The simulator keeps its world in memory, so every start is a fresh Spotify:
 * users must connect again (their old refresh tokens mean nothing to it).
 */
export async function startSimulatorProcess(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SimulatorProcess> {
  const url = `http://127.0.0.1:${config.spotifySim.port}`;
  const answers = () =>
    fetch(`${url}/_sim/users`).then(
      (r) => r.ok,
      () => false,
    );
  if (await answers())
    throw new Error(
      `port ${config.spotifySim.port} is taken (a simulator already runs there?); stop it or set SPOTIFY_SIM_PORT`,
    );
  const child = spawn(process.execPath, [join(REPO_ROOT, 'apps/spotify-sim/src/main.ts')], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await answers()) return { url, stop };
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  await stop();
  throw new Error(`the Spotify simulator did not start on ${url}\n${stderr}`);
}
