import type { Knex } from 'knex';

/** An (artist name, track name) pair as account data writes it. */
export interface TrackNames {
  artistName: string;
  trackName: string;
}

/** The map key of a pair (names can hold any character but NUL). */
export const namesKey = (names: TrackNames): string =>
  `${names.artistName}\u0000${names.trackName}`;

/**
 * app.search_resolutions: each pair's track id as search found it, or null for "searched,
 * not found". Read a chunk's pairs in one query, written as they are resolved.
 */
export class PgSearchResolutionStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** The pairs already resolved, by namesKey: a track id or null (not found). */
  async getMany(pairs: readonly TrackNames[]): Promise<Map<string, string | null>> {
    const found = new Map<string, string | null>();
    if (pairs.length === 0) return found;
    const rows: Array<{ artist_name: string; track_name: string; track_id: string | null }> =
      await this.#db('app.search_resolutions')
        .whereIn(
          ['artist_name', 'track_name'],
          pairs.map((p) => [p.artistName, p.trackName]),
        )
        .select('artist_name', 'track_name', 'track_id');
    for (const row of rows) {
      found.set(namesKey({ artistName: row.artist_name, trackName: row.track_name }), row.track_id);
    }
    return found;
  }

  async put(names: TrackNames, trackId: string | null): Promise<void> {
    await this.#db('app.search_resolutions')
      .insert({ artist_name: names.artistName, track_name: names.trackName, track_id: trackId })
      .onConflict(['artist_name', 'track_name'])
      .merge(['track_id', 'resolved_at']);
  }
}
