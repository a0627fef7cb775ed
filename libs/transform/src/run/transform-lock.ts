import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import { TransformError } from '../transform-error.ts';

// One number for "the transform" in PostgreSQL's advisory-lock space.
const LOCK_KEY = 'spotify-insights:transform';

/** How often a waiting caller asks for the lock again. */
const RETRY_MS = 250;

export interface TransformLockOptions {
  /**
   * How long to wait for a run in progress to end before giving up (RUN_IN_PROGRESS).
   * 0, the default, gives up at once: a scheduled run simply skips its turn.
   */
  waitMs?: number;
}

async function tryLock(connection: PoolClient): Promise<boolean> {
  const { rows } = await connection.query<{ locked: boolean }>(
    'select pg_try_advisory_lock(hashtext($1)) as locked',
    [LOCK_KEY],
  );
  return rows[0]?.locked === true;
}

/**
 * Runs `fn` only if no other transform instance is running, wherever it runs: a
 * session-level advisory lock, held on one connection for the run's whole length and
 * released when the connection ends, so a killed instance never leaves it held. Whoever
 * else must not overlap a run (erasing a member's rows from the lake) takes it too.
 */
export async function withTransformLock<T>(
  db: Knex,
  fn: () => Promise<T>,
  { waitMs = 0 }: TransformLockOptions = {},
): Promise<T> {
  const connection = (await db.client.acquireConnection()) as PoolClient;
  try {
    const deadline = Date.now() + waitMs;
    // polled rather than pg_advisory_lock: a blocking call could not give up at the deadline
    let locked = await tryLock(connection);
    while (!locked && Date.now() < deadline) {
      await sleep(Math.min(RETRY_MS, Math.max(0, deadline - Date.now())));
      locked = await tryLock(connection);
    }
    if (!locked)
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
