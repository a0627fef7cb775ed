import type { Knex } from 'knex';
import type { CatalogueKind } from './catalogue-refs.ts';

export interface CatalogueClaim {
  kind: CatalogueKind;
  spotifyId: string;
}

/** A claim older than this belongs to a producer that died: another may take it. */
const STALE_CLAIM = '10 minutes';
const TABLE = 'app.catalogue_items';

/** app.catalogue_items (see its migration): the cache and queue of catalogue enrichment. */
export class PgCatalogueStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** Queues ids never seen before; ids already wanted, fetched or missing stay as they are. */
  async want(kind: CatalogueKind, ids: Iterable<string>): Promise<number> {
    const rows = [...ids].map((spotify_id) => ({ kind, spotify_id, status: 'wanted' }));
    if (rows.length === 0) return 0;
    const inserted = await this.#db(TABLE)
      .insert(rows)
      .onConflict(['kind', 'spotify_id'])
      .ignore()
      .returning('spotify_id');
    return inserted.length;
  }

  /** Stores whole objects a record carried; a row already fetched is left untouched. */
  async putKnown(kind: CatalogueKind, items: Map<string, unknown>): Promise<void> {
    if (items.size === 0) return;
    const rows = [...items].map(([spotify_id, item]) => ({
      kind,
      spotify_id,
      status: 'fetched',
      item: JSON.stringify(item),
      fetched_at: this.#db.fn.now(),
    }));
    await this.#db(TABLE)
      .insert(rows)
      .onConflict(['kind', 'spotify_id'])
      .merge(['status', 'item', 'fetched_at'])
      .whereIn(`${TABLE}.status`, ['wanted', 'fetching']);
  }

  /**
   * Takes up to `limit` queued ids for this process. SKIP LOCKED lets several producers
   * claim at once without ever handing the same id to two of them.
   */
  async claim(limit: number): Promise<CatalogueClaim[]> {
    if (limit <= 0) return [];
    const { rows } = await this.#db.raw<{
      rows: Array<{ kind: CatalogueKind; spotify_id: string }>;
    }>(
      `update ${TABLE} c set status = 'fetching', claimed_at = now()
         from (select kind, spotify_id from ${TABLE}
                where status = 'wanted'
                   or (status = 'fetching' and claimed_at < now() - interval '${STALE_CLAIM}')
                order by wanted_at, kind, spotify_id
                limit ? for update skip locked) q
        where c.kind = q.kind and c.spotify_id = q.spotify_id
        returning c.kind, c.spotify_id`,
      [limit],
    );
    return rows.map((row) => ({ kind: row.kind, spotifyId: row.spotify_id }));
  }

  /** Records Spotify's answer: the object, or `null` for a 404 (never asked again). */
  async complete(claim: CatalogueClaim, item: unknown | null): Promise<void> {
    await this.#db(TABLE)
      .where({ kind: claim.kind, spotify_id: claim.spotifyId })
      .update({
        status: item === null ? 'missing' : 'fetched',
        item: item === null ? null : JSON.stringify(item),
        fetched_at: this.#db.fn.now(),
        claimed_at: null,
      });
  }

  /** Gives a claim back after a failure that may pass (429, 5xx): it is retried later. */
  async release(claim: CatalogueClaim): Promise<void> {
    await this.#db(TABLE)
      .where({ kind: claim.kind, spotify_id: claim.spotifyId, status: 'fetching' })
      .update({ status: 'wanted', claimed_at: null });
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.#db(TABLE)
      .select('status')
      .count<{ status: string; count: string }[]>({ count: '*' })
      .groupBy('status');
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }
}
