import type { Logger } from '@spotify-insights/logging';
import { isSpotifyError, type SpotifyClient } from '@spotify-insights/spotify';
import { catalogueRefsOf } from './catalogue-refs.ts';
import type { PgCatalogueStore } from './pg-catalogue-store.ts';

export interface CatalogueFetchSummary {
  fetched: number;
  missing: number;
  /** Claims given back after an error that may pass (429, 5xx); retried on a later cycle. */
  deferred: number;
}

/**
 * Catalogue enrichment with the 2026 API: no batch endpoints, so one `GET /artists/{id}` or
 * `GET /albums/{id}` per id — hence each id is fetched at most once, ever. Records first
 * queue the ids they reference (objects they carry whole are stored with no call); then a
 * bounded number of queued ids is fetched per cycle, so enrichment never eats the budget
 * the sources need. What is left stays queued in Postgres for the next cycle.
 */
export class CatalogueEnricher {
  readonly #store: PgCatalogueStore;
  readonly #client: Pick<SpotifyClient, 'getArtist' | 'getAlbum'>;
  readonly #logger: Logger;

  constructor(
    store: PgCatalogueStore,
    client: Pick<SpotifyClient, 'getArtist' | 'getAlbum'>,
    logger: Logger,
  ) {
    this.#store = store;
    this.#client = client;
    this.#logger = logger;
  }

  /** Called with the records of one acknowledged send. */
  async note(records: readonly object[]): Promise<void> {
    const { wanted, known } = catalogueRefsOf(records);
    for (const [kind, items] of known) await this.#store.putKnown(kind, items);
    for (const [kind, ids] of wanted) await this.#store.want(kind, ids);
  }

  /** Fetches up to `maxCalls` queued ids, one request each. */
  async fetchQueued(maxCalls: number): Promise<CatalogueFetchSummary> {
    const summary: CatalogueFetchSummary = { fetched: 0, missing: 0, deferred: 0 };
    const claims = await this.#store.claim(maxCalls);
    for (const [index, claim] of claims.entries()) {
      try {
        const item =
          claim.kind === 'artist'
            ? await this.#client.getArtist(claim.spotifyId)
            : await this.#client.getAlbum(claim.spotifyId);
        await this.#store.complete(claim, item);
        summary.fetched++;
      } catch (error) {
        if (isSpotifyError(error, 'NOT_FOUND')) {
          await this.#store.complete(claim, null);
          summary.missing++;
          continue;
        }
        // Rate limits and outages: give back this claim and the ones not tried yet.
        for (const rest of claims.slice(index)) await this.#store.release(rest);
        summary.deferred += claims.length - index;
        this.#logger.warn('catalogue enrichment paused; the rest stays queued', {
          error: (error as Error).message,
          deferred: claims.length - index,
        });
        break;
      }
    }
    return summary;
  }
}
