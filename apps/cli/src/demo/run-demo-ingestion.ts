import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@spotify-insights/config';
import {
  PgCatalogueStore,
  createSpotifyContext,
  rawLanderGroup,
} from '@spotify-insights/ingestion';
import type { Admin } from 'kafkajs';
import { createLogger } from '@spotify-insights/logging';
import { sourceTopic, TOPIC_SOURCE_NAMES } from '@spotify-insights/schemas';
import { createKafka, type GroupLag } from '@spotify-insights/streaming';
import { appsOfKind, type AppKind } from '../commands/run-all-command.ts';
import { superviseAll } from '../run-all/supervise.ts';
import { LOCAL_DIR } from '../stack/paths.ts';
import { connectSimulatedUsers } from './connect-simulated-users.ts';
import { startSimulatorProcess, usesLocalSimulator } from './simulator-process.ts';
import { waitForLanding } from './wait-for-landing.ts';

/** Requests per 30 s the demo's producers share when Spotify is the local simulator. */
const DEMO_SIM_BUDGET = 1200;

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

export interface DemoConsumers {
  /** Resolves once every consumer group has committed everything its topic holds. */
  landed(): Promise<GroupLag[]>;
  stop(): Promise<void>;
  log: string;
}

export interface DemoIngestion {
  users: string[];
  /** The simulator, kept running for the dashboard's connect page; undefined on the real Spotify. */
  simulatorUrl: string | undefined;
  /** The eight producers, one cycle each for every connected user. */
  runProducersOnce(): Promise<string>;
  /** The consumers (one per topic, imports included), running until stopped. */
  startConsumers(): DemoConsumers;
  catalogueCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/**
 * Ingestion for the demo: the simulated friend group connects (real PKCE against the
 * simulator, which keeps running until close), then the caller runs the producers and
 * the consumers (landing every record in the raw bucket) as often as it needs.
 */
export async function startDemoIngestion(
  config: AppConfig,
  say: (message: string) => void,
): Promise<DemoIngestion> {
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
  const admin = createKafka(config.kafka).admin();
  const spotify = createSpotifyContext(config, createLogger('demo', { level: 'warn' }));
  const started: DemoConsumers[] = [];
  const close = async () => {
    // Consumers still running (the demo failed before stopping them) go first.
    await Promise.allSettled(started.map((consumers) => consumers.stop()));
    await admin.disconnect();
    await spotify.db.destroy();
    await simulator?.stop();
  };
  try {
    let users: string[];
    if (simulator) {
      say(`Spotify simulator on ${simulator.url}; connecting the simulated friend group…`);
      users = (await connectSimulatedUsers(simulator.url, spotify.client)).map((u) => u.id);
    } else {
      users = await spotify.tokenKv.userIds();
      say(`real Spotify at ${config.spotify.apiBaseUrl}: ${users.length} connected users`);
    }
    await admin.connect();
    return {
      users,
      simulatorUrl: simulator?.url,
      runProducersOnce: async () => {
        say('eight producers: one cycle for every connected user…');
        const producers = runApps('producer', ['--once'], config);
        const exit = await producers.done;
        if (exit !== 0) throw new Error(`a producer failed (exit ${exit}); see ${producers.log}`);
        return producers.log;
      },
      startConsumers: () => {
        const consumers = startConsumers(config, admin, say);
        started.push(consumers);
        return consumers;
      },
      catalogueCounts: () => new PgCatalogueStore(spotify.db).counts(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function startConsumers(
  config: AppConfig,
  admin: Admin,
  say: (message: string) => void,
): DemoConsumers {
  const stopSignal = new AbortController();
  const consumers = runApps('consumer', [], config, stopSignal.signal);
  let stopping = false;
  const died = consumers.done.then((code) => {
    if (!stopping) throw new Error(`the consumers stopped (exit ${code}); see ${consumers.log}`);
    return [];
  });
  died.catch(() => undefined);
  return {
    log: consumers.log,
    landed: async () => {
      const landing = waitForLanding(
        admin,
        TOPIC_SOURCE_NAMES.map((source) => ({
          groupId: rawLanderGroup(source),
          topic: sourceTopic(source),
        })),
        { timeoutMs: 180_000, progress: say, signal: stopSignal.signal },
      );
      // Both are awaited through the race; this keeps the loser's rejection from going unhandled.
      landing.catch(() => undefined);
      return Promise.race([landing, died]);
    },
    stop: async () => {
      if (stopping) return;
      stopping = true;
      stopSignal.abort();
      const exit = await consumers.done;
      if (exit !== 0) throw new Error(`a consumer failed (exit ${exit}); see ${consumers.log}`);
    },
  };
}
