import type { Knex } from 'knex';

/*
 * Two more kinds of import, and the search cache account-data imports need.
 *
 * app.import_files.kind gains
 *   account-history  account-data StreamingHistory*.json (no track id)
 *   charts           Spotify Charts CSVs; they belong to no user, so their rows use the
 *                    pseudo user id `spotify-charts`
 *
 * app.search_resolutions: what GET /search answered for each (artist name, track name)
 * of an account-data file, so each pair is looked up once, ever, whatever the file or
 * the user. track_id null = searched and not found (not asked again either: a re-run
 * must not cost the rate limit again; delete the row to retry).
 */
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    alter table app.import_files drop constraint import_files_kind;
    alter table app.import_files
      add constraint import_files_kind check (kind in ('streaming-history', 'account-history', 'charts'));
  `);
  await db.schema.withSchema('app').createTable('search_resolutions', (t) => {
    t.text('artist_name').notNullable();
    t.text('track_name').notNullable();
    t.text('track_id');
    t.timestamp('resolved_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.primary(['artist_name', 'track_name']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTableIfExists('search_resolutions');
  await db.raw(`
    alter table app.import_files drop constraint import_files_kind;
    alter table app.import_files
      add constraint import_files_kind check (kind in ('streaming-history'));
  `);
}
