import type { Knex } from 'knex';

/*
 * app.import_files: one row per export file imported for a user, by the file's SHA-256
 * (the same content under another name is the same file). It makes imports resumable
 * and idempotent:
 *   status    importing  started; `position` elements are acknowledged by Kafka
 *             done       every element sent (or dead-lettered): a re-run skips the file
 *   position  elements of the JSON array done so far, written only after Kafka
 *             acknowledged them; an interrupted import resumes there
 *   records / dead_lettered  how many of those went to the topic / to its .dlq
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('import_files', (t) => {
    t.text('user_id').notNullable();
    t.text('sha256').notNullable();
    t.text('kind').notNullable();
    t.text('file_name').notNullable();
    t.bigInteger('size_bytes').notNullable();
    t.text('status').notNullable();
    t.integer('position').notNullable().defaultTo(0);
    t.integer('records').notNullable().defaultTo(0);
    t.integer('dead_lettered').notNullable().defaultTo(0);
    t.text('run_id').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.primary(['user_id', 'sha256']);
  });
  await db.raw(`
    alter table app.import_files
      add constraint import_files_status check (status in ('importing', 'done')),
      add constraint import_files_kind check (kind in ('streaming-history'))
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTableIfExists('import_files');
}
