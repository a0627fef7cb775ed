import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config-error.ts';
import { baseEnvSchema, connectionEnvSchema, type BaseEnv } from './env-schema.ts';

export interface AppConfig {
  logLevel: BaseEnv['LOG_LEVEL'];
  kafka: { brokers: string[]; clientId: string };
  schemaRegistry: { url: string };
  lake: { endpoint: string; accessKey: string; secretKey: string };
  /** biReaderPassword: what ensureBiReaderLogin sets for the read-only BI role. */
  warehouse: { url: string; biReaderPassword: string };
  transform: { cron: string };
  spotify: {
    apiBaseUrl: string;
    accountsBaseUrl: string;
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    rateLimitPer30s: number;
    catalogueCallsPerCycle: number;
    /** Undefined until set; whatever stores tokens must refuse to start without it. */
    tokenEncryptionKey: Buffer | undefined;
  };
  /** host/port the API listens on; dbPoolMax: its read-only warehouse pool; its response cache. */
  api: {
    port: number;
    host: string;
    dbPoolMax: number;
    cache: { maxEntries: number; ttlSeconds: number };
    /** ADMIN_TOKEN: what the dashboard's admin routes require (undefined: they are off). */
    adminToken: string | undefined;
  };
  spotifySim: { port: number };
  /** Settings of the embedded local stack (ports it listens on, databases it creates). */
  stack: {
    mode: BaseEnv['STACK_MODE'];
    host: string;
    postgres: {
      port: number;
      user: string;
      password: string;
      database: string;
      registryDatabase: string;
    };
    kafka: { port: number; controllerPort: number };
    schemaRegistry: { port: number; managementPort: number };
    minio: { port: number; consolePort: number; rootUser: string; rootPassword: string };
  };
}

type Env = Record<string, string | undefined>;

const stripSlash = (url: string) => url.replace(/\/+$/, '');

function problemsOf(error: z.ZodError, env: Env): ConfigProblem[] {
  return error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(environment)');
    return { variable, expected: issue.message, received: env[variable] };
  });
}

/** Empty strings mean "not set", as in most .env tooling. */
function withoutEmpty(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
}

/**
 * Reads and validates the environment once. Throws ConfigError naming every bad
 * variable; never returns a half-valid config.
 */
export function loadConfig(rawEnv: Env = process.env): AppConfig {
  const env = withoutEmpty(rawEnv);
  const base = baseEnvSchema.safeParse(env);
  const connections = connectionEnvSchema.safeParse(env);
  const problems = [
    ...(base.success ? [] : problemsOf(base.error, env)),
    ...(connections.success ? [] : problemsOf(connections.error, env)),
  ];
  if (!base.success || !connections.success) throw new ConfigError(problems);

  const b = base.data;
  const c = connections.data;
  const host = b.STACK_HOST;
  const pgUser = encodeURIComponent(b.POSTGRES_USER);
  const pgPassword = encodeURIComponent(b.POSTGRES_PASSWORD);

  return {
    logLevel: b.LOG_LEVEL,
    kafka: {
      brokers: (c.KAFKA_BROKERS ?? `${host}:${b.KAFKA_PORT}`).split(','),
      clientId: b.KAFKA_CLIENT_ID,
    },
    schemaRegistry: {
      url: c.SCHEMA_REGISTRY_URL ?? `http://${host}:${b.SCHEMA_REGISTRY_PORT}/apis/ccompat/v7`,
    },
    lake: {
      endpoint: c.S3_ENDPOINT ?? `http://${host}:${b.MINIO_PORT}`,
      accessKey: b.MINIO_ROOT_USER,
      secretKey: b.MINIO_ROOT_PASSWORD,
    },
    warehouse: {
      url:
        c.DATABASE_URL ??
        `postgres://${pgUser}:${pgPassword}@${host}:${b.POSTGRES_PORT}/${b.POSTGRES_DB}`,
      biReaderPassword: b.BI_READER_PASSWORD,
    },
    transform: { cron: b.TRANSFORM_CRON },
    spotify: {
      apiBaseUrl: stripSlash(c.SPOTIFY_API_BASE_URL ?? `http://${host}:${b.SPOTIFY_SIM_PORT}/v1`),
      accountsBaseUrl: stripSlash(
        c.SPOTIFY_ACCOUNTS_BASE_URL ?? `http://${host}:${b.SPOTIFY_SIM_PORT}`,
      ),
      clientId: b.SPOTIFY_CLIENT_ID,
      clientSecret: b.SPOTIFY_CLIENT_SECRET,
      redirectUri: c.SPOTIFY_REDIRECT_URI ?? `http://127.0.0.1:${b.API_PORT}/auth/callback`,
      rateLimitPer30s: b.SPOTIFY_RATE_LIMIT_PER_30S,
      catalogueCallsPerCycle: b.SPOTIFY_CATALOGUE_CALLS_PER_CYCLE,
      tokenEncryptionKey: c.TOKEN_ENCRYPTION_KEY
        ? Buffer.from(c.TOKEN_ENCRYPTION_KEY, 'base64')
        : undefined,
    },
    api: {
      port: b.API_PORT,
      host: b.API_HOST,
      dbPoolMax: b.API_DB_POOL_MAX,
      cache: { maxEntries: b.API_CACHE_ENTRIES, ttlSeconds: b.API_CACHE_TTL_SECONDS },
      adminToken: c.ADMIN_TOKEN,
    },
    spotifySim: { port: b.SPOTIFY_SIM_PORT },
    stack: {
      mode: b.STACK_MODE,
      host,
      postgres: {
        port: b.POSTGRES_PORT,
        user: b.POSTGRES_USER,
        password: b.POSTGRES_PASSWORD,
        database: b.POSTGRES_DB,
        registryDatabase: b.REGISTRY_POSTGRES_DB,
      },
      kafka: { port: b.KAFKA_PORT, controllerPort: b.KAFKA_CONTROLLER_PORT },
      schemaRegistry: {
        port: b.SCHEMA_REGISTRY_PORT,
        managementPort: b.SCHEMA_REGISTRY_MANAGEMENT_PORT,
      },
      minio: {
        port: b.MINIO_PORT,
        consolePort: b.MINIO_CONSOLE_PORT,
        rootUser: b.MINIO_ROOT_USER,
        rootPassword: b.MINIO_ROOT_PASSWORD,
      },
    },
  };
}
