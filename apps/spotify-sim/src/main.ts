/*
 * Runs the simulator on SPOTIFY_SIM_PORT (127.0.0.1), registered with the project's
 * configured client id and secret, and prints where it is and who can log in.
 */
import { loadConfig } from '@spotify-insights/config';
import { createLogger } from '@spotify-insights/logging';
import { createSimulator } from './index.ts';

const config = loadConfig();
const log = createLogger('spotify-sim');
const simulator = createSimulator({
  clients: { [config.spotify.clientId]: config.spotify.clientSecret },
  // Generous but finite, so a client that ignores its own budget meets 429s in demos.
  requestsPer30s: Math.max(config.spotify.rateLimitPer30s * 2, 300),
});

const url = await simulator.listen(config.spotifySim.port, '127.0.0.1');
log.info('spotify simulator listening', {
  url,
  api: `${url}/v1`,
  accounts: url,
  profile: simulator.state.profile,
});
process.stdout.write(`Spotify simulator on ${url} (Web API ${url}/v1)\nUsers:\n`);
for (const user of simulator.world.users)
  process.stdout.write(`  ${user.id}  ${user.displayName}\n`);

const stop = async (signal: string) => {
  log.info('stopping', { signal });
  await simulator.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
