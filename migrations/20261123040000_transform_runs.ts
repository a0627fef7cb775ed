import type { Knex } from 'knex';

/*
 * The transform's bookkeeping, in `app` (never readable by BI):
 *   transform_runs         one row per run of the DAG: why it ran, its status, counts
 *   transform_steps        one row per step of a run (discover, stage, validate, promote,
 *                          aggregate, load, checks): status, attempts, counts, duration, error
 *   transform_raw_objects  every raw object a successful run took in, with its ETag: the
 *                          durable watermark, so no object is processed twice or skipped
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('transform_runs', (t) => {
    t.text('run_id').primary();
    t.text('trigger').notNullable(); // schedule | manual | backfill
    t.text('status').notNullable(); // running | succeeded | failed | blocked
    t.date('backfill_from');
    t.date('backfill_to');
    t.integer('objects_in').notNullable().defaultTo(0);
    t.bigInteger('rows_in').notNullable().defaultTo(0);
    t.bigInteger('rows_out').notNullable().defaultTo(0);
    t.bigInteger('rows_quarantined').notNullable().defaultTo(0);
    t.text('error');
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('finished_at', { useTz: true });
  });
  await db.schema.withSchema('app').createTable('transform_steps', (t) => {
    t.text('run_id')
      .notNullable()
      .references('run_id')
      .inTable('app.transform_runs')
      .onDelete('cascade');
    t.text('step').notNullable();
    t.smallint('position').notNullable();
    t.text('status').notNullable(); // pending | running | succeeded | failed | skipped
    t.smallint('attempts').notNullable().defaultTo(0);
    t.jsonb('counts');
    t.text('error');
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.primary(['run_id', 'step']);
  });
  await db.schema.withSchema('app').createTable('transform_raw_objects', (t) => {
    t.text('object_key').primary();
    t.text('etag').notNullable();
    t.bigInteger('size').notNullable();
    t.text('run_id').notNullable();
    t.timestamp('processed_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
  });
  await db.raw(`
    alter table app.transform_runs
      add constraint transform_runs_trigger check (trigger in ('schedule', 'manual', 'backfill')),
      add constraint transform_runs_status check (status in ('running', 'succeeded', 'failed', 'blocked'));
    alter table app.transform_steps
      add constraint transform_steps_status
        check (status in ('pending', 'running', 'succeeded', 'failed', 'skipped'));
    create index transform_runs_started_at on app.transform_runs (started_at desc);
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTableIfExists('transform_raw_objects');
  await db.schema.withSchema('app').dropTableIfExists('transform_steps');
  await db.schema.withSchema('app').dropTableIfExists('transform_runs');
}
