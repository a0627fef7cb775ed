import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { loadConfig, type AppConfig } from '@spotify-insights/config';
import { createLogger } from '@spotify-insights/logging';
import { biReaderUrl, createScratchDatabase, createWarehouseDb } from '@spotify-insights/warehouse';
import type { ConnectDeps } from '../../../src/connect/connect-deps.ts';
import type { ApiDeps } from '../../../src/deps.ts';
import { buildServer } from '../../../src/server.ts';
import { MemberStore } from '../../../src/connect/member-store.ts';
import { loadListeningFixture, NOW, USERS } from '../../support/listening-fixture.ts';

/** A track name that is markup: the pages must show it as text and never run it. */
export const HOSTILE_TRACK_NAME =
  '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';
export const HOSTILE_TRACK_ID = 'tr-delta';

export interface DashboardServer {
  url: string;
  app: FastifyInstance;
  owner: Knex;
  config: AppConfig;
  adminToken: string;
  close(): Promise<void>;
}

/**
 * The API and dashboard listening on a free port (127.0.0.1, port 0) over a scratch
 * warehouse holding the API tests' listening fixture, plus a few track facts (release
 * years, explicit flags) and a track whose name is markup.
 */
export async function startDashboardServer(
  name: string,
  options: {
    env?: Record<string, string>;
    connect?: Partial<ConnectDeps>;
    /** Connect the fixture's listeners as the group's members (default true). */
    members?: boolean;
    extend?: (app: FastifyInstance) => Promise<void> | void;
  } = {},
): Promise<DashboardServer> {
  const adminToken = randomBytes(24).toString('base64url');
  const config = loadConfig({
    ...process.env,
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ADMIN_TOKEN: adminToken,
    ...options.env,
  });
  const scratch = await createScratchDatabase(config.warehouse, name, { poolMax: 3 });
  const reader = createWarehouseDb(
    { url: biReaderUrl(scratch.url, config.warehouse.biReaderPassword) },
    { poolMax: 4 },
  );
  try {
    await loadListeningFixture(scratch.db);
    await enrichFixture(scratch.db);
    if (options.members ?? true)
      for (const user of USERS)
        await new MemberStore(scratch.db, config.spotify.tokenEncryptionKey!).save(user.id, {
          accessToken: 'fixture',
          refreshToken: 'fixture',
          expiresAt: NOW.getTime() + 3_600_000,
          status: 'ok',
        });
    let url = '';
    const deps: ApiDeps = {
      reader,
      owner: scratch.db,
      logger: createLogger(`e2e-${name}`, { level: 'error' }),
      now: () => NOW,
      connect: {
        spotify: config.spotify,
        adminToken,
        redirectUri: () => `${url}/auth/callback`,
        ...options.connect,
      },
    };
    const app = await buildServer(deps);
    await options.extend?.(app);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    url = address.replace('localhost', '127.0.0.1');
    return {
      url,
      app,
      owner: scratch.db,
      config,
      adminToken,
      async close() {
        await app.close();
        await reader.destroy();
        await scratch.drop();
      },
    };
  } catch (error) {
    await reader.destroy();
    await scratch.drop();
    throw error;
  }
}

async function enrichFixture(db: Knex): Promise<void> {
  const years: Record<string, string> = {
    'al-glow': '2021-04-09',
    'al-low': '2019',
    'al-kaffee': '2023-11',
  };
  for (const [album, date] of Object.entries(years))
    await db('warehouse.dim_album')
      .where({ spotify_album_id: album })
      .update({ release_date: date });
  await db('warehouse.dim_track')
    .whereIn('spotify_track_id', ['tr-low', 'tr-echo'])
    .update({ explicit: true });
  await db('warehouse.dim_track')
    .whereIn('spotify_track_id', ['tr-glow', 'tr-glow-single', 'tr-kaffee', 'tr-delta'])
    .update({ explicit: false });
  await db('warehouse.dim_track')
    .where({ spotify_track_id: HOSTILE_TRACK_ID })
    .update({ track_name: HOSTILE_TRACK_NAME });
  await loadChart(db);
  await loadTransformRun(db);
}

/** Four days of a daily chart: a climber, a faller, one that drops out and a debut on the last day. */
export const CHART = 'regional-global-daily';
const CHART_RANKS: Record<string, (number | null)[]> = {
  'tr-glow': [3, 2, 1, 1],
  'tr-low': [1, 1, 2, 3],
  'tr-kaffee': [2, 3, 3, 2],
  'tr-echo': [4, 4, 4, null],
  'tr-delta': [null, null, null, 4],
};

async function loadChart(db: Knex): Promise<void> {
  const keys = new Map(
    (
      (await db('warehouse.dim_track').select('spotify_track_id', 'track_key')) as {
        spotify_track_id: string;
        track_key: string;
      }[]
    ).map((r) => [r.spotify_track_id, r.track_key]),
  );
  const rows = Object.entries(CHART_RANKS).flatMap(([track, ranks]) =>
    ranks.flatMap((rank, day) =>
      rank === null
        ? []
        : [
            {
              chart_name: CHART,
              chart_date_key: 20260601 + day,
              rank,
              track_key: keys.get(track),
              streams: 1_000_000 - rank * 100_000,
              source: 'charts_csv',
              load_batch_id: 'e2e-chart',
            },
          ],
    ),
  );
  await db('warehouse.fct_chart_entry').insert(rows);
}

async function loadTransformRun(db: Knex): Promise<void> {
  await db('app.transform_runs').insert({
    run_id: 'run-e2e-0001',
    trigger: 'schedule',
    status: 'succeeded',
    objects_in: 3,
    rows_in: 25,
    rows_out: 25,
    rows_quarantined: 0,
    started_at: '2026-06-15T11:45:00Z',
    finished_at: '2026-06-15T11:45:42Z',
  });
  await db('app.transform_steps').insert(
    ['discover', 'validate', 'promote', 'load', 'aggregate'].map((step, position) => ({
      run_id: 'run-e2e-0001',
      step,
      position,
      status: 'succeeded',
      attempts: 1,
      started_at: '2026-06-15T11:45:00Z',
      finished_at: '2026-06-15T11:45:42Z',
    })),
  );
}
