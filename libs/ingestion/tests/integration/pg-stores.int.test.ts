import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import { createWarehouseDb, migrateLatest } from '@spotify-insights/warehouse';
import { PgCheckpointStore, PgTokenKeyValueStore } from '../../src/index.ts';

/* The token and checkpoint stores on the real PostgreSQL, in a database of their own. */
const base = loadConfig();
const testDb = `pg_stores_${process.pid}`;
let admin: Knex;
let dbA: Knex;
let dbB: Knex;

beforeAll(async () => {
  admin = createWarehouseDb(base.warehouse, { poolMax: 1 });
  await admin.raw(`create database ${testDb}`);
  const url = new URL(base.warehouse.url);
  url.pathname = `/${testDb}`;
  dbA = createWarehouseDb({ url: url.toString() });
  dbB = createWarehouseDb({ url: url.toString() });
  await migrateLatest(dbA);
});

afterAll(async () => {
  await dbA?.destroy();
  await dbB?.destroy();
  await admin?.raw(`drop database if exists ${testDb} with (force)`);
  await admin?.destroy();
});

describe('Postgres stores for the producers', () => {
  it('keeps one opaque token record per user and lists the users', async () => {
    const store = new PgTokenKeyValueStore(dbA);
    await store.set('bob', 'v1.cipher-1');
    await store.set('alice', 'v1.cipher-2');
    await store.set('bob', 'v1.cipher-3');
    expect(await store.get('bob')).toBe('v1.cipher-3');
    expect(await store.get('nobody')).toBeUndefined();
    expect(await store.userIds()).toEqual(['alice', 'bob']);
  });

  it("lets only one process at a time hold a user's refresh lock", async () => {
    // Two stores on two connection pools stand for two producer processes.
    const a = new PgTokenKeyValueStore(dbA);
    const b = new PgTokenKeyValueStore(dbB);
    const events: string[] = [];
    const hold = (store: PgTokenKeyValueStore, name: string) =>
      store.withLock('alice', async () => {
        events.push(`${name} in`);
        await sleep(200);
        events.push(`${name} out`);
      });
    await Promise.all([hold(a, 'A'), sleep(20).then(() => hold(b, 'B'))]);
    expect(events).toEqual(['A in', 'A out', 'B in', 'B out']);
  });

  it('stores checkpoints per source and user, replacing the previous one', async () => {
    const checkpoints = new PgCheckpointStore(dbA);
    await checkpoints.set('recent-plays', 'alice', { after: 1 }, 'run-1');
    await checkpoints.set('recent-plays', 'alice', { after: 2 }, 'run-2');
    await checkpoints.set(
      'liked-songs',
      'alice',
      { lastAddedAt: 'x', idsAtLastAddedAt: [] },
      'run-2',
    );
    expect(await checkpoints.get('recent-plays', 'alice')).toEqual({ after: 2 });
    expect(await checkpoints.get('recent-plays', 'bob')).toBeUndefined();
  });
});
