/*
 * The queries the API answers with: parameterised SQL only (knex named bindings), each
 * file one family of questions. Insight queries read `warehouse` and `marts` and run as
 * bi_reader; pipeline-status.ts, connected-users.ts and data-version.ts read `app` and
 * need the owner.
 */
export * from './page.ts';
export * from './period.ts';
export * from './user-overview.ts';
export * from './user-tops.ts';
export * from './data-version.ts';
export * from './user-habits.ts';
export * from './group.ts';
export * from './connected-users.ts';
export * from './charts.ts';
export * from './pipeline-status.ts';
