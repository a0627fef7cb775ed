import { z } from 'zod';

/*
 * The one environment schema of the project. Every app reads it through loadConfig();
 * names match docker-compose.yml and .env.example. Defaults are the embedded local
 * stack, so a fresh clone needs no .env at all.
 */

const port = z.coerce
  .number({ error: 'a port number 1-65535' })
  .int('a port number 1-65535')
  .min(1, 'a port number 1-65535')
  .max(65535, 'a port number 1-65535');

const nonEmpty = (what: string) => z.string({ error: what }).trim().min(1, what);

/** Plain settings with defaults; URLs derived from them are filled in by loadConfig. */
export const baseEnvSchema = z.object({
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'], { error: 'one of debug, info, warn, error' })
    .default('info'),
  /**
   * embedded: `stack up` installs and runs the four services on this machine.
   * external: they run elsewhere (docker compose, a cloud); `stack up` only waits for them.
   */
  STACK_MODE: z
    .enum(['embedded', 'external'], { error: 'embedded or external' })
    .default('embedded'),
  STACK_HOST: nonEmpty('a host name or IP address').default('127.0.0.1'),

  POSTGRES_PORT: port.default(5432),
  POSTGRES_USER: nonEmpty('a PostgreSQL user name').default('insights'),
  POSTGRES_PASSWORD: nonEmpty('a password').default('insights'),
  POSTGRES_DB: nonEmpty('a database name').default('insights'),
  REGISTRY_POSTGRES_DB: nonEmpty('a database name').default('registry'),
  /**
   * The read-only role BI tools log in with (PowerBI, Grafana, psql): it reads the
   * warehouse and marts schemas only. Set after migrating (ensureBiReaderLogin).
   */
  BI_READER_PASSWORD: nonEmpty('a password').default('bi_reader'),
  /** When the transform app runs on its own (cron, UTC); `transform run` runs it now. */
  TRANSFORM_CRON: z
    .string()
    .trim()
    .regex(/^\S+( \S+){4}$/, 'a cron expression with five fields, e.g. */15 * * * *')
    .default('*/15 * * * *'),

  KAFKA_PORT: port.default(9092),
  KAFKA_CONTROLLER_PORT: port.default(9093),
  KAFKA_CLIENT_ID: nonEmpty('a client id').default('spotify-insights'),

  SCHEMA_REGISTRY_PORT: port.default(8081),
  /** Apicurio's health endpoints live on a separate management port. */
  SCHEMA_REGISTRY_MANAGEMENT_PORT: port.default(8082),

  MINIO_PORT: port.default(9000),
  MINIO_CONSOLE_PORT: port.default(9001),
  MINIO_ROOT_USER: z.string().min(3, 'at least 3 characters').default('minioadmin'),
  MINIO_ROOT_PASSWORD: z.string().min(8, 'at least 8 characters').default('minioadmin'),

  /** The Spotify simulator (apps/spotify-sim), the default Spotify for development and tests. */
  SPOTIFY_SIM_PORT: port.default(8888),
  /** The REST API and dashboard (also serves the OAuth callback). */
  API_PORT: port.default(3000),
  /** Where the API listens: loopback by default; 0.0.0.0 to serve other machines. */
  API_HOST: nonEmpty('a host name or IP address').default('127.0.0.1'),
  /** Warehouse connections of the API's read-only (bi_reader) pool. */
  API_DB_POOL_MAX: z.coerce
    .number({ error: 'a whole number of connections, 1-100' })
    .int('a whole number of connections, 1-100')
    .min(1, 'a whole number of connections, 1-100')
    .max(100, 'a whole number of connections, 1-100')
    .default(8),
  /**
   * Answers the API keeps in memory until the warehouse changes (a transform run
   * finishes) or they are API_CACHE_TTL_SECONDS old; 0 turns the cache off.
   */
  API_CACHE_ENTRIES: z.coerce
    .number({ error: 'a whole number of entries, 0 or more' })
    .int('a whole number of entries, 0 or more')
    .min(0, 'a whole number of entries, 0 or more')
    .default(2000),
  API_CACHE_TTL_SECONDS: z.coerce
    .number({ error: 'a whole number of seconds, 1 or more' })
    .int('a whole number of seconds, 1 or more')
    .min(1, 'a whole number of seconds, 1 or more')
    .default(60),
  SPOTIFY_CLIENT_ID: nonEmpty('a Spotify app client id').default('spotify-insights-local'),
  /** Only client-credentials (catalogue) calls need it; user auth uses PKCE. */
  SPOTIFY_CLIENT_SECRET: nonEmpty('a Spotify app client secret').default(
    'spotify-insights-local-secret',
  ),
  /** The app-wide request budget over Spotify's rolling 30-second window. */
  SPOTIFY_RATE_LIMIT_PER_30S: z.coerce
    .number({ error: 'a whole number of requests, 1 or more' })
    .int('a whole number of requests, 1 or more')
    .min(1, 'a whole number of requests, 1 or more')
    .default(150),
  /** Catalogue ids (artists, albums) a producer fetches per cycle, one call each. */
  SPOTIFY_CATALOGUE_CALLS_PER_CYCLE: z.coerce
    .number({ error: 'a whole number of calls, 0 or more' })
    .int('a whole number of calls, 0 or more')
    .min(0, 'a whole number of calls, 0 or more')
    .default(20),
});

/** Connection settings; each defaults to the local stack built from the base settings. */
export const connectionEnvSchema = z.object({
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s:]+:\d+(,[^,\s:]+:\d+)*$/, 'a comma-separated list of host:port')
    .optional(),
  SCHEMA_REGISTRY_URL: z.url({ error: 'an http(s) URL' }).optional(),
  S3_ENDPOINT: z.url({ error: 'an http(s) URL' }).optional(),
  /** Point these at https://api.spotify.com/v1 and https://accounts.spotify.com for the real Spotify. */
  SPOTIFY_API_BASE_URL: z.url({ error: 'an http(s) URL' }).optional(),
  SPOTIFY_ACCOUNTS_BASE_URL: z.url({ error: 'an http(s) URL' }).optional(),
  /** Spotify accepts loopback redirects only as 127.0.0.1 (never "localhost"). */
  SPOTIFY_REDIRECT_URI: z
    .url({ error: 'an http(s) URL' })
    .refine(
      (u) => !new URL(u).hostname.endsWith('localhost'),
      'a URL on 127.0.0.1 or https (Spotify refuses "localhost")',
    )
    .optional(),
  /** 32 bytes, base64: encrypts Spotify tokens at rest (AES-256-GCM). `openssl rand -base64 32` */
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .refine(
      (k) => Buffer.from(k, 'base64').length === 32,
      '32 bytes encoded as base64 (openssl rand -base64 32)',
    )
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'a postgres://user:password@host:port/db URL')
    .optional(),
  /**
   * The dashboard's admin routes (disconnecting a member, deleting their data): sent as
   * `Authorization: Bearer <token>` or typed into /admin/login. Unset: those routes are off.
   */
  ADMIN_TOKEN: z.string().min(16, 'at least 16 characters (openssl rand -base64 24)').optional(),
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;
export type ConnectionEnv = z.infer<typeof connectionEnvSchema>;
