import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import { createLogger } from '@spotify-insights/logging';
import { SpotifyError } from '@spotify-insights/spotify';
import { createWarehouseDb, migrateLatest } from '@spotify-insights/warehouse';
import { CatalogueEnricher, PgCatalogueStore } from '../../src/index.ts';

/*
 * Catalogue enrichment on the real PostgreSQL (a database of its own). Spotify is played
 * by a small object answering getArtist/getAlbum and counting calls; the end-to-end run
 * with the simulator is in apps/cli's full-cycle test.
 */
const base = loadConfig();
const testDb = `catalogue_${process.pid}`;
let admin: Knex;
let db: Knex;
const logger = createLogger('catalogue-test', { level: 'error' });

beforeAll(async () => {
  admin = createWarehouseDb(base.warehouse, { poolMax: 1 });
  await admin.raw(`create database ${testDb}`);
  const url = new URL(base.warehouse.url);
  url.pathname = `/${testDb}`;
  db = createWarehouseDb({ url: url.toString() });
  await migrateLatest(db);
});

afterAll(async () => {
  await db?.destroy();
  await admin?.raw(`drop database if exists ${testDb} with (force)`);
  await admin?.destroy();
});

function fakeSpotify(options: { missing?: string[]; failAfter?: number } = {}) {
  const calls: string[] = [];
  const answer = async (kind: string, id: string) => {
    calls.push(`${kind}:${id}`);
    if (options.failAfter !== undefined && calls.length > options.failAfter)
      throw new SpotifyError('RATE_LIMITED', 'paused', { status: 429 });
    if (options.missing?.includes(id)) throw new SpotifyError('NOT_FOUND', 'gone', { status: 404 });
    return { id, name: `${kind} ${id}` };
  };
  return {
    calls,
    client: {
      getArtist: (id: string) => answer('artist', id) as never,
      getAlbum: (id: string) => answer('album', id) as never,
    },
  };
}

describe('catalogue enrichment', () => {
  it('fetches each referenced id once, ever, and never what records carried whole', async () => {
    await db('app.catalogue_items').del();
    const store = new PgCatalogueStore(db);
    const spotify = fakeSpotify({ missing: ['gone'] });
    const enricher = new CatalogueEnricher(store, spotify.client, logger);

    await enricher.note([
      { album_id: 'al1', artist_ids: ['a1', 'a2', 'gone'] },
      { artist_id: 'a2', artist_name: 'Two', item_json: JSON.stringify({ id: 'a2', name: 'Two' }) },
    ]);
    // A bounded number per cycle: two now, the last one on the next cycle.
    const first = await enricher.fetchQueued(2);
    const second = await enricher.fetchQueued(10);
    expect(first.fetched + first.missing).toBe(2);
    expect(second.fetched + second.missing).toBe(1);
    expect(first.missing + second.missing).toBe(1);
    // Seen again in later records: already known, fetched or missing; no new call.
    await enricher.note([{ album_id: 'al1', artist_ids: ['a1', 'a2', 'gone'] }]);
    expect(await enricher.fetchQueued(10)).toEqual({ fetched: 0, missing: 0, deferred: 0 });

    expect(spotify.calls.sort()).toEqual(['album:al1', 'artist:a1', 'artist:gone']);
    expect(await store.counts()).toEqual({ fetched: 3, missing: 1 });
    const a2 = await db('app.catalogue_items').where({ spotify_id: 'a2' }).first();
    expect(a2.item).toEqual({ id: 'a2', name: 'Two' });
  });

  it('keeps ids queued across a rate limit and fetches them on a later cycle', async () => {
    await db('app.catalogue_items').del();
    const store = new PgCatalogueStore(db);
    const limited = fakeSpotify({ failAfter: 1 });
    await new CatalogueEnricher(store, limited.client, logger).note([
      { artist_ids: ['b1', 'b2', 'b3'] },
    ]);
    expect(await new CatalogueEnricher(store, limited.client, logger).fetchQueued(3)).toEqual({
      fetched: 1,
      missing: 0,
      deferred: 2,
    });
    expect(await store.counts()).toEqual({ fetched: 1, wanted: 2 });

    const later = fakeSpotify();
    expect(await new CatalogueEnricher(store, later.client, logger).fetchQueued(3)).toEqual({
      fetched: 2,
      missing: 0,
      deferred: 0,
    });
    expect(later.calls).toHaveLength(2);
  });

  it('never hands the same id to two producers claiming at once', async () => {
    await db('app.catalogue_items').del();
    const store = new PgCatalogueStore(db);
    await store.want(
      'artist',
      Array.from({ length: 40 }, (_, i) => `c${i}`),
    );
    const claims = await Promise.all([store.claim(25), store.claim(25), store.claim(25)]);
    const ids = claims.flat().map((c) => c.spotifyId);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });
});
