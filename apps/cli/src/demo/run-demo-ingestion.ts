import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@spotify-insights/config';
import {
  PgCatalogueStore,
  createSpotifyContext,
  rawLanderGroup,
} from '@spotify-insights/ingestion';
import { createLogger } from '@spotify-insights/logging';
import { SOURCE_NAMES, sourceTopic } from '@spotify-insights/schemas';
import { createKafka, type GroupLag } from '@spotify-insights/streaming';
import { appsOfKind, type AppKind } from '../commands/run-all-command.ts';
import { superviseAll } from '../run-all/supervise.ts';
import { LOCAL_DIR } from '../stack/paths.ts';
import { connectSimulatedUsers } from './connect-simulated-users.ts';
import { startSimulatorProcess, usesLocalSimulator } from './simulator-process.ts';
import { waitForLanding } from './wait-for-landing.ts';

/** Requests per 30 s the demo's producers share when Spotify is the local simulator. */
const DEMO_SIM_BUDGET = 1200;

export interface DemoIngestionResult {
  users: string[];
  topics: GroupLag[];
  catalogue: Record<string, number>;
  logs: Record<AppKind, string>;
}

/** Runs the eight apps of a kind with their (JSON) log lines in a file, not on screen. */
function runApps(
  kind: AppKind,
  flags: string[],
  config: AppConfig,
  signal?: AbortSignal,
): { done: Promise<number>; log: string } {
  const dir = join(LOCAL_DIR, 'logs');
  mkdirSync(dir, { recursive: true });
  const log = join(dir, `demo-${kind}s.log`);
  const out = createWriteStream(log);
  const done = superviseAll(appsOfKind(kind, flags, config), {
    write: (line) => out.write(line),
    ...(signal ? { signal } : {}),
  }).finally(() => out.end());
  return { done, log };
}

/**
 * Ingestion for the demo: the simulated friend group connects (real PKCE against the
 * simulator), the eight producers run one cycle, the consumers (one per topic) run until every
 * record is in the raw bucket, and everything started here is stopped again.
 */
export async function runDemoIngestion(
  config: AppConfig,
  say: (message: string) => void,
): Promise<DemoIngestionResult> {
  const local = usesLocalSimulator(config);
  // The simulated Spotify app gets a generous budget so the demo takes seconds; against
  // the real Spotify the configured budget stands.
  if (local)
    config = { ...config, spotify: { ...config.spotify, rateLimitPer30s: DEMO_SIM_BUDGET } };
  const simulator = local
    ? await startSimulatorProcess(config, {
        ...process.env,
        SPOTIFY_RATE_LIMIT_PER_30S: String(DEMO_SIM_BUDGET),
      })
    : undefined;
  const kafka = createKafka(config.kafka);
  const admin = kafka.admin();
  const spotify = createSpotifyContext(config, createLogger('demo', { level: 'warn' }));
  const consumersStop = new AbortController();
  try {
    let users: string[];
    if (simulator) {
      say(`Spotify simulator on ${simulator.url}; connecting the simulated friend group…`);
      users = (await connectSimulatedUsers(simulator.url, spotify.client)).map((u) => u.id);
    } else {
      users = await spotify.tokenKv.userIds();
      say(`real Spotify at ${config.spotify.apiBaseUrl}: ${users.length} connected users`);
    }

    say('eight producers: one cycle for every connected user…');
    const producers = runApps('producer', ['--once'], config);
    const producersExit = await producers.done;
    if (producersExit !== 0)
      throw new Error(`a producer failed (exit ${producersExit}); see ${producers.log}`);

    say('consumers: landing every record in the raw bucket…');
    const consumers = runApps('consumer', [], config, consumersStop.signal);
    await admin.connect();
    let landed = false;
    const died = consumers.done.then((code) => {
      if (!landed) throw new Error(`the consumers stopped (exit ${code}); see ${consumers.log}`);
      return [];
    });
    const landing = waitForLanding(
      admin,
      SOURCE_NAMES.map((source) => ({
        groupId: rawLanderGroup(source),
        topic: sourceTopic(source),
      })),
      { timeoutMs: 180_000, progress: say, signal: consumersStop.signal },
    );
    // Both are awaited through the race; these keep the loser's rejection from going unhandled.
    died.catch(() => undefined);
    landing.catch(() => undefined);
    const topics = await Promise.race([landing, died]);
    landed = true;
    consumersStop.abort();
    const consumersExit = await consumers.done;
    if (consumersExit !== 0)
      throw new Error(`a consumer failed (exit ${consumersExit}); see ${consumers.log}`);

    const catalogue = await new PgCatalogueStore(spotify.db).counts();
    return { users, topics, catalogue, logs: { producer: producers.log, consumer: consumers.log } };
  } finally {
    consumersStop.abort();
    await admin.disconnect();
    await spotify.db.destroy();
    await simulator?.stop();
  }
}
