import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import { TransformError } from '../transform-error.ts';

// One number for "the transform" in PostgreSQL's advisory-lock space.
const LOCK_KEY = 'spotify-insights:transform';

/**
 * Runs `fn` only if no other transform instance is running, wherever it runs: a
 * session-level advisory lock, held on one connection for the run's whole length and
 * released when the connection ends, so a killed instance never leaves it held.
 */
export async function withTransformLock<T>(db: Knex, fn: () => Promise<T>): Promise<T> {
  const connection = (await db.client.acquireConnection()) as PoolClient;
  try {
    const { rows } = await connection.query<{ locked: boolean }>(
      'select pg_try_advisory_lock(hashtext($1)) as locked',
      [LOCK_KEY],
    );
    if (!rows[0]?.locked)
      throw new TransformError('RUN_IN_PROGRESS', 'another transform run is in progress');
    try {
      return await fn();
    } finally {
      await connection.query('select pg_advisory_unlock(hashtext($1))', [LOCK_KEY]);
    }
  } finally {
    await db.client.releaseConnection(connection);
  }
}
