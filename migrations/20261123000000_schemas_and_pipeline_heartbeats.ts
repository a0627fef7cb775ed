import type { Knex } from 'knex';

/*
 * The warehouse's schemas:
 *   app        tables the apps run on (checkpoints, tokens, run history); never for BI
 *   warehouse  the star schema (dim_*, fct_*)
 *   marts      views and tables built on the star schema for BI tools and the API
 * and the first table: one row per heartbeat that travelled through every layer
 * (topic → consumer → raw bucket → warehouse), which proves the pipeline end to end.
 */
export async function up(db: Knex): Promise<void> {
  await db.raw('create schema if not exists app');
  await db.raw('create schema if not exists warehouse');
  await db.raw('create schema if not exists marts');
  await db.schema.withSchema('app').createTable('pipeline_heartbeats', (t) => {
    t.uuid('heartbeat_id').primary();
    t.text('run_id').notNullable();
    t.timestamp('emitted_at', { useTz: true }).notNullable();
    t.text('topic').notNullable();
    t.integer('kafka_partition').notNullable();
    t.bigInteger('kafka_offset').notNullable();
    t.text('raw_object_key').notNullable();
    t.timestamp('loaded_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
  });
  await db.raw(
    "comment on table app.pipeline_heartbeats is 'Grain: one row per heartbeat record that reached the warehouse through Kafka and the raw bucket.'",
  );
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTableIfExists('pipeline_heartbeats');
  await db.raw('drop schema if exists marts cascade');
  await db.raw('drop schema if exists warehouse cascade');
  await db.raw('drop schema if exists app cascade');
}
