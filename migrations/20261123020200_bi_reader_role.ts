import type { Knex } from 'knex';

/*
 * bi_reader: the read-only role for BI tools (PowerBI, Grafana, psql). It reads the star
 * schema and the marts, and nothing else: no `app` (encrypted tokens, checkpoints), no
 * `public` (knex's bookkeeping), no writes, no DDL.
 *
 * Roles belong to the whole PostgreSQL cluster, grants to one database, so:
 * - the role is created NOLOGIN if it does not exist yet (several databases, e.g. the
 *   tests' own, migrate at the same time: a concurrent creation is not an error);
 *   migrations cannot read the configuration, so ensureBiReaderLogin() in
 *   libs/warehouse gives it LOGIN and BI_READER_PASSWORD after migrating;
 * - SELECT on every table and view of `warehouse` and `marts`, now and (through default
 *   privileges) on those our migrations create later;
 * - down revokes everything in this database and drops the role only when no other
 *   database still grants it anything; otherwise the role stays for them.
 */
const BI_READER_ROLE = 'bi_reader';

const READABLE_SCHEMAS = 'warehouse, marts';

export async function up(db: Knex): Promise<void> {
  await db.raw(`
    do $$
    begin
      if not exists (select from pg_roles where rolname = '${BI_READER_ROLE}') then
        create role ${BI_READER_ROLE} nologin;
      end if;
    exception when duplicate_object or unique_violation then
      null; -- created by another database's migration at the same moment
    end
    $$`);
  await db.raw(`
    grant usage on schema ${READABLE_SCHEMAS} to ${BI_READER_ROLE};
    grant select on all tables in schema ${READABLE_SCHEMAS} to ${BI_READER_ROLE};
    alter default privileges in schema ${READABLE_SCHEMAS}
      grant select on tables to ${BI_READER_ROLE};
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.raw(`
    do $$
    begin
      if not exists (select from pg_roles where rolname = '${BI_READER_ROLE}') then
        return;
      end if;
      alter default privileges in schema ${READABLE_SCHEMAS}
        revoke select on tables from ${BI_READER_ROLE};
      revoke select on all tables in schema ${READABLE_SCHEMAS} from ${BI_READER_ROLE};
      revoke usage on schema ${READABLE_SCHEMAS} from ${BI_READER_ROLE};
      -- pg_shdepend lists what every database of the cluster grants the role
      if not exists (select from pg_shdepend d join pg_roles r on r.oid = d.refobjid
                     where d.refclassid = 'pg_authid'::regclass
                       and r.rolname = '${BI_READER_ROLE}') then
        begin
          drop role ${BI_READER_ROLE};
        exception when dependent_objects_still_exist then
          null; -- another database granted it something meanwhile: it keeps the role
        end;
      end if;
    end
    $$`);
}
