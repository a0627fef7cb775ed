import type { PoolClient } from 'pg';
import { PLAY_FACT_TABLES, type PlayFactModel } from './play-fact-copy.ts';

/*
 * The dedupe rule for plays known only to the minute (account data), across batches:
 * the transform applies it within a batch (libs/transform play-dedupe.ts), but the
 * account data and the same plays known to the second (the extended export, or
 * recently-played) often come weeks apart — Spotify sends account data first. So after
 * each batch's play fact is loaded, in its transaction, every flagged row (the partial
 * index holds only those) is matched against plays of the same user and item known to
 * the second that ended in [its minute, + 60 s), by the grain's index:
 *   matched  the account play is dropped: the same play, told more precisely;
 *   and if exactly one play to the second matched and it is the API's, that play takes
 *            the account play's ms_played (the API does not say how long).
 * Reading every flagged row each batch (not only this batch's) keeps it simple and
 * self-healing; it costs one index probe per account play ever loaded.
 */
const FLAGGED = 'minute_plays_flagged';

/*
 * The flagged rows, read by the partial index into a small temporary table first: right
 * after a big COPY the fact has no statistics, and the planner, taking half its rows for
 * flagged, chose a hash join over the whole fact (1.8 s on 1M plays without one flagged
 * row). With the flagged rows counted and analysed, the join below probes the grain's
 * index once per flagged row, and nothing runs at all when there is none.
 */
const collectFlaggedSql = (model: PlayFactModel): string => {
  const { table, itemDimension } = PLAY_FACT_TABLES[model];
  return `create temporary table ${FLAGGED} on commit drop as
    select user_key, ${itemDimension.key}, played_at, ms_played
    from ${table} where played_to_the_minute`;
};

const settleSql = (model: PlayFactModel): string => {
  const { table, itemDimension } = PLAY_FACT_TABLES[model];
  const item = itemDimension.key;
  const sameMinute = (row: string, minute: string) =>
    `${row}.user_key = ${minute}.user_key and ${row}.${item} = ${minute}.${item}
     and ${row}.played_at >= ${minute}.played_at
     and ${row}.played_at < ${minute}.played_at + interval '1 minute'
     and not ${row}.played_to_the_minute`;
  return `
    with matched as (
      select m.user_key, m.${item}, m.played_at, m.ms_played, count(*) as seconds
      from ${FLAGGED} m
      join ${table} p on ${sameMinute('p', 'm')}
      group by m.user_key, m.${item}, m.played_at, m.ms_played
    ),
    lengths as (
      update ${table} p set ms_played = m.ms_played, load_batch_id = $1, loaded_at = now()
      from matched m
      where m.seconds = 1 and p.source = 'api' and ${sameMinute('p', 'm')}
        and p.ms_played is distinct from m.ms_played
      returning 1
    ),
    dropped as (
      delete from ${table} f using matched m
      where f.played_to_the_minute and f.user_key = m.user_key and f.${item} = m.${item}
        and f.played_at = m.played_at
      returning 1
    )
    select (select count(*) from dropped)::int as dropped,
           (select count(*) from lengths)::int as lengthened`;
};

/**
 * Applies the minute rule to a play fact after a batch was loaded into it (inside the
 * batch's transaction); returns how many account plays gave way and how many API plays
 * took their ms_played.
 */
export async function settleMinutePlays(
  client: PoolClient,
  model: PlayFactModel,
  batchId: string,
): Promise<{ dropped: number; lengthened: number }> {
  // only the partial index can answer "where played_to_the_minute": no sequential scan
  await client.query('set local enable_seqscan = off');
  const collected = await client.query(collectFlaggedSql(model));
  await client.query('set local enable_seqscan = on');
  try {
    if (!collected.rowCount) return { dropped: 0, lengthened: 0 };
    await client.query(`analyze ${FLAGGED}`);
    const { rows } = await client.query<{ dropped: number; lengthened: number }>(settleSql(model), [
      batchId,
    ]);
    return { dropped: rows[0]?.dropped ?? 0, lengthened: rows[0]?.lengthened ?? 0 };
  } finally {
    await client.query(`drop table ${FLAGGED}`);
  }
}
