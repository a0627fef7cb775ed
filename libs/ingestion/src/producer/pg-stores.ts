import type { Knex } from 'knex';
import type { KeyValueStore } from '@spotify-insights/spotify';

/**
 * The backing store of EncryptedTokenStore: opaque ciphertext per user in
 * app.spotify_tokens. Encryption happens before anything reaches this class.
 */
export class PgTokenKeyValueStore implements KeyValueStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async get(userId: string): Promise<string | undefined> {
    const row = await this.#db('app.spotify_tokens').where({ user_id: userId }).first('ciphertext');
    return row?.ciphertext as string | undefined;
  }

  async set(userId: string, ciphertext: string): Promise<void> {
    await this.#db('app.spotify_tokens')
      .insert({ user_id: userId, ciphertext, updated_at: this.#db.fn.now() })
      .onConflict('user_id')
      .merge();
  }

  /**
   * A Postgres advisory lock held for the length of `fn`, so that of several processes
   * only one refreshes a user's single-use refresh token at a time.
   */
  async withLock<T>(userId: string, fn: () => Promise<T>): Promise<T> {
    return this.#db.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [
        `spotify-token-refresh:${userId}`,
      ]);
      return fn();
    });
  }

  /** Every user who has connected Spotify (whatever their token's state). */
  async userIds(): Promise<string[]> {
    const rows = await this.#db('app.spotify_tokens').orderBy('user_id').select('user_id');
    return rows.map((r: { user_id: string }) => r.user_id);
  }
}

/** Where each (source, user) stopped, written only after Kafka acknowledged the records. */
export class PgCheckpointStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async get<T>(source: string, userId: string): Promise<T | undefined> {
    const row = await this.#db('app.producer_checkpoints')
      .where({ source, user_id: userId })
      .first('checkpoint');
    return row?.checkpoint as T | undefined;
  }

  async set(source: string, userId: string, checkpoint: unknown, runId: string): Promise<void> {
    await this.#db('app.producer_checkpoints')
      .insert({
        source,
        user_id: userId,
        checkpoint: JSON.stringify(checkpoint),
        run_id: runId,
        updated_at: this.#db.fn.now(),
      })
      .onConflict(['source', 'user_id'])
      .merge();
  }
}
