import { join } from 'node:path';
import type { AppConfig } from '@spotify-insights/config';
import { REPO_ROOT } from '../stack/paths.ts';
import { startChildService, type ChildService } from './child-service.ts';

export type SimulatorProcess = ChildService;

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
  return startChildService({
    name: 'the Spotify simulator',
    script: join(REPO_ROOT, 'apps/spotify-sim/src/main.ts'),
    url: `http://127.0.0.1:${config.spotifySim.port}`,
    readyPath: '/_sim/users',
    portVariable: 'SPOTIFY_SIM_PORT',
    env,
  });
}
