import type { Knex } from 'knex';

/*
 * app.catalogue_items: Spotify artists and albums we know, one row per id, so that
 * catalogue enrichment calls `GET /artists/{id}` or `GET /albums/{id}` at most once per id
 * ever (the 2026 API has no batch endpoints and a small Development Mode budget).
 *   status  wanted    referenced by a record, not fetched yet (a durable queue)
 *           fetching  claimed by a producer at claimed_at (reclaimed when stale)
 *           fetched   item holds the object as Spotify returned it
 *           missing   Spotify answered 404: never asked again
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('catalogue_items', (t) => {
    t.text('kind').notNullable();
    t.text('spotify_id').notNullable();
    t.text('status').notNullable();
    t.jsonb('item');
    t.timestamp('wanted_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('claimed_at', { useTz: true });
    t.timestamp('fetched_at', { useTz: true });
    t.primary(['kind', 'spotify_id']);
  });
  await db.raw(`
    alter table app.catalogue_items
      add constraint catalogue_items_kind check (kind in ('artist', 'album')),
      add constraint catalogue_items_status check (status in ('wanted', 'fetching', 'fetched', 'missing'))
  `);
  await db.raw(
    `create index catalogue_items_queue on app.catalogue_items (wanted_at) where status in ('wanted', 'fetching')`,
  );
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTableIfExists('catalogue_items');
}
