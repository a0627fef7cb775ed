import type { Knex } from 'knex';
import type { AppConfig } from '@spotify-insights/config';
import type { Logger } from '@spotify-insights/logging';
import {
  createSpotifyClient,
  EncryptedTokenStore,
  type SpotifyClient,
} from '@spotify-insights/spotify';
import { createWarehouseDb } from '@spotify-insights/warehouse';
import { PgCheckpointStore, PgTokenKeyValueStore } from '../producer/pg-stores.ts';

export interface SpotifyContext {
  db: Knex;
  client: SpotifyClient;
  tokenKv: PgTokenKeyValueStore;
  checkpoints: PgCheckpointStore;
}

/**
 * The Spotify side of an ingestion process: the client with its one rate limiter, tokens
 * kept encrypted in app.spotify_tokens, checkpoints in app.producer_checkpoints.
 */
export function createSpotifyContext(config: AppConfig, logger: Logger): SpotifyContext {
  const db = createWarehouseDb(config.warehouse, { poolMax: 4 });
  const tokenKv = new PgTokenKeyValueStore(db);
  const client = createSpotifyClient({
    config,
    tokenStore: new EncryptedTokenStore(tokenKv, config.spotify.tokenEncryptionKey),
    logger,
  });
  return { db, client, tokenKv, checkpoints: new PgCheckpointStore(db) };
}
