import type { Knex } from 'knex';

/*
 * Plays known only to the minute (account-data StreamingHistory*.json, whose endTime has
 * no seconds) are flagged, so the loader can apply the dedupe rule across batches: such
 * a play gives way to the same user and item's play known to the second that ended in
 * [minute, minute + 60 s), whichever batch brought which (libs/warehouse
 * minute-plays.ts). The partial index holds only flagged rows: the loader reads them all
 * after each batch, and with no account data it is empty.
 */
const FACTS = [
  { table: 'fct_play', item: 'track_key' },
  { table: 'fct_episode_play', item: 'episode_key' },
] as const;

export async function up(db: Knex): Promise<void> {
  for (const { table, item } of FACTS) {
    await db.raw(`
      alter table warehouse.${table}
        add column played_to_the_minute boolean not null default false;
      comment on column warehouse.${table}.played_to_the_minute is
        'played_at is only known to the minute (account data); such a play gives way to the same play known to the second';
      create index ${table}_minute_plays on warehouse.${table} (user_key, ${item}, played_at)
        where played_to_the_minute;
    `);
  }
}

export async function down(db: Knex): Promise<void> {
  for (const { table } of FACTS) {
    await db.raw(`alter table warehouse.${table} drop column played_to_the_minute`);
  }
}
