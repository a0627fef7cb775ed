import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

describe('loadConfig', () => {
  it('defaults to the embedded local stack when nothing is set', () => {
    const config = loadConfig({});
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.schemaRegistry.url).toBe('http://127.0.0.1:8081/apis/ccompat/v7');
    expect(config.lake.endpoint).toBe('http://127.0.0.1:9000');
    expect(config.warehouse.url).toBe('postgres://insights:insights@127.0.0.1:5432/insights');
  });

  it('derives connection URLs from changed ports', () => {
    const config = loadConfig({ KAFKA_PORT: '19092', POSTGRES_PORT: '15432', MINIO_PORT: '19000' });
    expect(config.kafka.brokers).toEqual(['127.0.0.1:19092']);
    expect(config.warehouse.url).toContain(':15432/');
    expect(config.lake.endpoint).toBe('http://127.0.0.1:19000');
  });

  it('lets explicit URLs win over derived ones', () => {
    const config = loadConfig({
      KAFKA_BROKERS: 'kafka:9092,kafka2:9092',
      DATABASE_URL: 'postgres://a:b@db:5432/x',
    });
    expect(config.kafka.brokers).toEqual(['kafka:9092', 'kafka2:9092']);
    expect(config.warehouse.url).toBe('postgres://a:b@db:5432/x');
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ KAFKA_PORT: '' }).stack.kafka.port).toBe(9092);
  });

  it('escapes credentials in the derived database URL', () => {
    const config = loadConfig({ POSTGRES_PASSWORD: 'p@ss/word' });
    expect(config.warehouse.url).toBe('postgres://insights:p%40ss%2Fword@127.0.0.1:5432/insights');
  });

  it('names every invalid variable and what it expects, all at once', () => {
    let error: unknown;
    try {
      loadConfig({
        KAFKA_PORT: 'abc',
        LOG_LEVEL: 'loud',
        KAFKA_BROKERS: 'nope',
        MINIO_ROOT_PASSWORD: 'short',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.problems.map((p) => p.variable).sort()).toEqual([
      'KAFKA_BROKERS',
      'KAFKA_PORT',
      'LOG_LEVEL',
      'MINIO_ROOT_PASSWORD',
    ]);
    expect(configError.message).toContain('KAFKA_PORT: expected a port number 1-65535, got "abc"');
    expect(configError.message).toContain('LOG_LEVEL: expected one of debug, info, warn, error');
  });

  it('rejects ports out of range', () => {
    expect(() => loadConfig({ MINIO_PORT: '70000' })).toThrow(/MINIO_PORT: expected a port number/);
  });
});

describe('Spotify settings', () => {
  it('default to the simulator and a 127.0.0.1 redirect', () => {
    const { spotify } = loadConfig({});
    expect(spotify.apiBaseUrl).toBe('http://127.0.0.1:8888/v1');
    expect(spotify.accountsBaseUrl).toBe('http://127.0.0.1:8888');
    expect(spotify.redirectUri).toBe('http://127.0.0.1:3000/auth/callback');
    expect(spotify.tokenEncryptionKey).toBeUndefined();
  });

  it('switch to the real Spotify by URL', () => {
    const { spotify } = loadConfig({
      SPOTIFY_API_BASE_URL: 'https://api.spotify.com/v1/',
      SPOTIFY_ACCOUNTS_BASE_URL: 'https://accounts.spotify.com',
    });
    expect(spotify.apiBaseUrl).toBe('https://api.spotify.com/v1');
  });

  it('refuse a localhost redirect, as Spotify does', () => {
    expect(() => loadConfig({ SPOTIFY_REDIRECT_URI: 'http://localhost:3000/cb' })).toThrow(
      /refuses "localhost"/,
    );
  });

  it('accept only a 32-byte encryption key', () => {
    expect(() => loadConfig({ TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ TOKEN_ENCRYPTION_KEY: key }).spotify.tokenEncryptionKey).toEqual(
      Buffer.alloc(32, 7),
    );
  });
});

describe('API settings', () => {
  it('default to loopback with a response cache', () => {
    expect(loadConfig({}).api).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dbPoolMax: 8,
      cache: { maxEntries: 2000, ttlSeconds: 60 },
    });
  });

  it('allow turning the cache off, not a zero ttl or pool', () => {
    expect(loadConfig({ API_CACHE_ENTRIES: '0' }).api.cache.maxEntries).toBe(0);
    expect(() => loadConfig({ API_CACHE_TTL_SECONDS: '0' })).toThrow(/API_CACHE_TTL_SECONDS/);
    expect(() => loadConfig({ API_DB_POOL_MAX: '0' })).toThrow(/API_DB_POOL_MAX/);
  });
});
