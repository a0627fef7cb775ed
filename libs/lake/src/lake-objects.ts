import type { Client } from 'minio';

/** The whole content of an object as UTF-8 text (objects here are NDJSON or JSON). */
export async function readObjectText(client: Client, bucket: string, key: string): Promise<string> {
  const stream = await client.getObject(bucket, key);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Every object key under a prefix, sorted. */
export async function listObjectKeys(
  client: Client,
  bucket: string,
  prefix: string,
): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of client.listObjectsV2(bucket, prefix, true)) {
    if (item.name) keys.push(item.name);
  }
  return keys.sort();
}

/** Empties and removes a bucket (tests' and benchmarks' own); nothing to do when it is gone. */
export async function removeBucketAndObjects(client: Client, bucket: string): Promise<void> {
  if (!(await client.bucketExists(bucket))) return;
  const keys = await listObjectKeys(client, bucket, '');
  if (keys.length > 0) await client.removeObjects(bucket, keys);
  await client.removeBucket(bucket);
}
