export { createWarehouseDb } from './warehouse-db.ts';
export {
  MIGRATIONS_DIR,
  migrateLatest,
  migrateRollbackAll,
  migrationSource,
} from './migrations.ts';
