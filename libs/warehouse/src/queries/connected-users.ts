import type { Knex } from 'knex';
import { MAX_GROUP_SIZE } from './group.ts';

/**
 * The friend group: the accounts connected to the app (a row in app.spotify_tokens), at
 * most MAX_GROUP_SIZE (Spotify's limit for an app in development mode), by id. Reads `app`, so it needs the owner; only ids leave this function.
 */
export async function connectedUserIds(owner: Knex): Promise<string[]> {
  const rows = await owner('app.spotify_tokens')
    .orderBy('user_id')
    .limit(MAX_GROUP_SIZE)
    .select<{ user_id: string }[]>('user_id');
  return rows.map((r) => r.user_id);
}
