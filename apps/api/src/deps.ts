import type { Admin } from 'kafkajs';
import type { Knex } from 'knex';
import type { Logger } from '@spotify-insights/logging';
import type { ConnectDeps } from './connect/connect-deps.ts';
import type { ResponseCache } from './cache/response-cache.ts';
import type { LiveRouteDeps } from './live/live-routes.ts';

/**
 * What the API needs from outside, handed to buildServer so tests can pass a scratch
 * warehouse and no Kafka at all.
 */
export interface ApiDeps {
  /**
   * The warehouse as the read-only role bi_reader: every insight query (warehouse and
   * marts schemas) goes through it, so even a query built wrongly cannot write, run DDL,
   * or read the `app` schema where the encrypted Spotify tokens live.
   */
  reader: Knex;
  /**
   * The owner's connection, used only for the few `app` tables the API reports on (who is
   * connected, transform runs and steps), each read by a fixed query in libs/warehouse.
   */
  owner: Knex;
  /** For consumer-group lag on the pipeline status; without it that route answers NOT_AVAILABLE. */
  kafkaAdmin?: Admin | undefined;
  logger: Logger;
  /** Warehouse answers kept until the data changes; without it every request queries. */
  cache?: ResponseCache | undefined;
  /** The live top-N (stream aggregator); without it the live routes are not registered. */
  live?: LiveRouteDeps | undefined;
  /** "now" for relative ranges (last 4 weeks, this year); a test pins it. */
  now?: () => Date;
  /** Connecting friends' Spotify accounts (apps/api/src/connect); without it /connect says so. */
  connect?: ConnectDeps | undefined;
}
