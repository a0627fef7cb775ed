import type { Knex } from 'knex';

/*
 * Operational tables of the ingestion apps, in the `app` schema (never readable by BI):
 *   spotify_tokens        one row per connected user: the token record, encrypted by
 *                         libs/spotify (AES-256-GCM) before it reaches the database
 *   producer_checkpoints  per (source, user): where the last acknowledged fetch ended
 *                         (recently-played cursor, last added_at, playlist snapshot ids)
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('spotify_tokens', (t) => {
    t.text('user_id').primary();
    t.text('ciphertext').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
  });
  await db.schema.withSchema('app').createTable('producer_checkpoints', (t) => {
    t.text('source').notNullable();
    t.text('user_id').notNullable();
    t.jsonb('checkpoint').notNullable();
    t.text('run_id').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.primary(['source', 'user_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTableIfExists('producer_checkpoints');
  await db.schema.withSchema('app').dropTableIfExists('spotify_tokens');
}
