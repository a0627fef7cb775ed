import knex, { type Knex } from 'knex';
import type { AppConfig } from '@spotify-insights/config';

/** A knex instance on the warehouse database; callers own it and must destroy() it. */
export function createWarehouseDb(
  warehouse: Pick<AppConfig['warehouse'], 'url'>,
  options: { poolMax?: number } = {},
): Knex {
  return knex({
    client: 'pg',
    connection: warehouse.url,
    pool: { min: 0, max: options.poolMax ?? 10 },
  });
}
