import { randomUUID } from 'node:crypto';
import type { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import {
  createLakeClient,
  ensureLakeBuckets,
  fromNdjson,
  LAKE_BUCKETS,
  listObjectKeys,
  rawObjectKey,
  readObjectText,
  toNdjson,
} from '../../src/index.ts';

/* Runs against the real MinIO server of the local stack. */
const config = loadConfig();
const prefix = `it-${randomUUID().slice(0, 8)}`;
let client: Client;

const readObject = (bucket: string, key: string) => readObjectText(client, bucket, key);
const listKeys = (bucket: string, keyPrefix: string) => listObjectKeys(client, bucket, keyPrefix);

beforeAll(async () => {
  client = createLakeClient(config.lake);
  await ensureLakeBuckets(client);
});

afterAll(async () => {
  for (const bucket of Object.values(LAKE_BUCKETS)) {
    const keys = await listKeys(bucket, `${prefix}`);
    if (keys.length > 0) await client.removeObjects(bucket, keys);
  }
});

describe('MinIO with minio-js', () => {
  it('has the raw, processed and presentation buckets, and creating them again is a no-op', async () => {
    for (const bucket of ['raw', 'processed', 'presentation'])
      expect(await client.bucketExists(bucket)).toBe(true);
    expect(await ensureLakeBuckets(client)).toEqual([]);
  });

  it.each(Object.values(LAKE_BUCKETS))(
    'puts, stats, lists by prefix and gets in %s',
    async (bucket) => {
      const records = [
        { id: 1, name: 'Björk' },
        { id: 2, name: '<script>x</script>' },
      ];
      const body = toNdjson(records);
      const keyA = `${prefix}/user_id=alice/date=2026-11-22/0-0-1.ndjson`;
      const keyB = `${prefix}/user_id=bob/date=2026-11-22/0-2-3.ndjson`;
      await client.putObject(bucket, keyA, body, undefined, {
        'Content-Type': 'application/x-ndjson',
      });
      await client.putObject(bucket, keyB, body);

      const stat = await client.statObject(bucket, keyA);
      expect(stat.size).toBe(Buffer.byteLength(body));
      expect(stat.metaData['content-type']).toBe('application/x-ndjson');

      expect(await listKeys(bucket, `${prefix}/user_id=alice/`)).toEqual([keyA]);
      expect(await listKeys(bucket, `${prefix}/`)).toEqual([keyA, keyB]);
      expect(fromNdjson(await readObject(bucket, keyA))).toEqual(records);
    },
  );

  it('overwrites the same deterministic key when a batch is written twice', async () => {
    const key = rawObjectKey({
      topic: prefix,
      userId: 'carol',
      date: new Date('2026-11-22T10:00:00Z'),
      partition: 1,
      firstOffset: '10',
      lastOffset: '11',
    });
    await client.putObject(LAKE_BUCKETS.raw, key, toNdjson([{ n: 1 }]));
    await client.putObject(LAKE_BUCKETS.raw, key, toNdjson([{ n: 1 }]));
    expect(await listKeys(LAKE_BUCKETS.raw, `${prefix}/user_id=carol/`)).toEqual([key]);
  });
});
