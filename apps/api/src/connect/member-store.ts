import type { Knex } from 'knex';
import {
  EncryptedTokenStore,
  type KeyValueStore,
  type StoredTokens,
} from '@spotify-insights/spotify';
import { DashboardError } from './dashboard-error.ts';

/** Spotify's Development Mode allows five users per app: the friend group's ceiling. */
export const MAX_MEMBERS = 5;

export type MemberStatus = 'ok' | 'needs-reconnect';

export interface Member {
  userId: string;
  /** From the warehouse once the pipeline has seen the user; null before. */
  displayName: string | null;
  status: MemberStatus;
  /** When the tokens were last written (connect or refresh). */
  updatedAt: string;
}

/** app.spotify_tokens as the KeyValueStore under EncryptedTokenStore, inside one transaction. */
class TokenRows implements KeyValueStore {
  readonly #db: Knex | Knex.Transaction;
  constructor(db: Knex | Knex.Transaction) {
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
}

/**
 * The connected accounts: their encrypted tokens in app.spotify_tokens (the same rows the
 * producers read), each member's status read from the decrypted record — NEEDS_RECONNECT
 * once Spotify refused a refresh, or when the record cannot be decrypted any more.
 */
export class MemberStore {
  readonly #db: Knex;
  readonly #key: Buffer;

  constructor(db: Knex, tokenEncryptionKey: Buffer) {
    this.#db = db;
    this.#key = tokenEncryptionKey;
  }

  async list(): Promise<Member[]> {
    const rows = (await this.#db('app.spotify_tokens as t')
      .leftJoin('warehouse.dim_user as u', 'u.spotify_user_id', 't.user_id')
      .orderBy('t.user_id')
      .select('t.user_id', 'u.display_name', 't.updated_at')) as {
      user_id: string;
      display_name: string | null;
      updated_at: Date;
    }[];
    const tokens = new EncryptedTokenStore(new TokenRows(this.#db), this.#key);
    return Promise.all(
      rows.map(async (row) => ({
        userId: row.user_id,
        displayName: row.display_name,
        status: await tokens.get(row.user_id).then(
          (stored) =>
            (stored?.status === 'NEEDS_RECONNECT' ? 'needs-reconnect' : 'ok') as MemberStatus,
          () => 'needs-reconnect' as MemberStatus,
        ),
        updatedAt: row.updated_at.toISOString(),
      })),
    );
  }

  /**
   * Stores a member's tokens, refusing a sixth account (GROUP_FULL). A member who
   * reconnects replaces their own row. The count and the write happen under one lock,
   * so two friends finishing at once cannot both become the fifth.
   */
  async save(userId: string, tokens: StoredTokens): Promise<{ reconnected: boolean }> {
    return this.#db.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [
        'spotify-insights:group-members',
      ]);
      const rows = (await trx('app.spotify_tokens').select('user_id')) as { user_id: string }[];
      const reconnected = rows.some((r) => r.user_id === userId);
      if (!reconnected && rows.length >= MAX_MEMBERS)
        throw new DashboardError(
          'GROUP_FULL',
          `the group already has ${MAX_MEMBERS} accounts (Spotify allows ${MAX_MEMBERS} users per app in Development Mode): disconnect one first`,
        );
      await new EncryptedTokenStore(new TokenRows(trx), this.#key).save(userId, tokens);
      return { reconnected };
    });
  }

  /** Deletes the member's tokens and producer checkpoints; false when there was no member. */
  async remove(userId: string): Promise<boolean> {
    return this.#db.transaction(async (trx) => {
      const deleted = await trx('app.spotify_tokens').where({ user_id: userId }).delete();
      await trx('app.producer_checkpoints').where({ user_id: userId }).delete();
      return deleted > 0;
    });
  }
}
