import type { PoolClient } from 'pg';
import { isEmptyFact, withPrimaryKeyRebuilt } from './fact-primary-key.ts';
import type { ProcessedModel } from './processed-columns.ts';
import { EPISODE_PLAYS_INSERT, PLAYS_INSERT } from './star-merges.ts';

/*
 * Play facts are most of a big batch (a first load, an imported history), and their
 * merge — INSERT … ON CONFLICT, a speculative insertion per row — costs several times a
 * bare COPY. When no row of the batch can meet a loaded one, the conflict clause has
 * nothing to do, so the rows go in with a plain INSERT … SELECT; into an empty fact, the
 * primary key is dropped for the insert and built once after it (fact-primary-key.ts).
 * Otherwise the merge of star-merges.ts runs, as before. Measured on 1M plays on this
 * project's 2-core machine: the merge 19-24 s, a plain insert about 13 s, insert and key
 * build about 9 s (8 + 1).
 *
 * This is the path of a batch given as CSV only (staged in PostgreSQL). The transform
 * hands its play facts to play-fact-copy.ts instead, which resolves the keys outside
 * PostgreSQL and COPies the new rows straight into the fact.
 *
 * "Cannot meet": the fact is empty, or for every user of the batch it holds no play of
 * theirs between the batch's first and last play of that user — one index range probe
 * per user on the grain (user_key, played_at, …). Coarse on purpose: a batch that
 * reaches into a user's loaded time range takes the merge, whatever its rows.
 *
 * Safe because the fact is locked against other writers (SHARE ROW EXCLUSIVE: readers go
 * on) from the check to the commit, and a duplicate still cannot get in: the plain
 * INSERT meets the primary key, and a rebuilt key checks every row.
 */
interface PlayFact {
  table: string;
  staging: string;
  /** Its INSERT … SELECT from staging, without ON CONFLICT ($1: the batch id). */
  insert: string;
}

const NEW_GRAIN_FACTS: Partial<Record<ProcessedModel, PlayFact>> = {
  plays: { table: 'warehouse.fct_play', staging: 'stg_plays', insert: PLAYS_INSERT },
  episode_plays: {
    table: 'warehouse.fct_episode_play',
    staging: 'stg_episode_plays',
    insert: EPISODE_PLAYS_INSERT,
  },
};

export type NewGrainMethod = 'insert' | 'insert, key rebuilt';

const overlapSql = (fact: PlayFact) => `
  select exists (
    select 1
    from (select user_id, min(played_at) as first_at, max(played_at) as last_at
          from ${fact.staging} group by user_id) b
    join warehouse.dim_user u on u.spotify_user_id = b.user_id
    join ${fact.table} f on f.user_key = u.user_key
      and f.played_at between b.first_at and b.last_at
  ) as overlaps`;

/**
 * Inserts a staged play fact without a merge when none of its rows can meet a loaded
 * one; returns the rows inserted and how, or undefined when the merge must run. Runs
 * inside the batch's transaction.
 */
export async function insertNewGrains(
  client: PoolClient,
  model: ProcessedModel,
  batchId: string,
): Promise<{ rows: number; method: NewGrainMethod } | undefined> {
  const fact = NEW_GRAIN_FACTS[model];
  if (!fact) return undefined;
  await client.query(`lock table ${fact.table} in share row exclusive mode`);
  const empty = await isEmptyFact(client, fact.table);
  if (!empty) {
    const { rows: overlap } = await client.query<{ overlaps: boolean }>(overlapSql(fact));
    if (overlap[0]?.overlaps !== false) return undefined;
    const inserted = await client.query(fact.insert, [batchId]);
    return { rows: inserted.rowCount ?? 0, method: 'insert' };
  }
  const { result, rebuilt } = await withPrimaryKeyRebuilt(client, fact.table, () =>
    client.query(fact.insert, [batchId]),
  );
  return { rows: result.rowCount ?? 0, method: rebuilt ? 'insert, key rebuilt' : 'insert' };
}
