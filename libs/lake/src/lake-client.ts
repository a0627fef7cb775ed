import { Client } from 'minio';
import type { AppConfig } from '@spotify-insights/config';
import { LAKE_BUCKETS } from './buckets.ts';

/** An S3 client for MinIO (or any S3 endpoint) from the validated config. */
export function createLakeClient(lake: AppConfig['lake']): Client {
  const url = new URL(lake.endpoint);
  const useSSL = url.protocol === 'https:';
  return new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey: lake.accessKey,
    secretKey: lake.secretKey,
    pathStyle: true,
  });
}

/** Creates the raw, processed and presentation buckets when missing; returns the ones created. */
export async function ensureLakeBuckets(client: Client): Promise<string[]> {
  const created: string[] = [];
  for (const bucket of Object.values(LAKE_BUCKETS)) {
    if (!(await client.bucketExists(bucket))) {
      try {
        await client.makeBucket(bucket);
        created.push(bucket);
      } catch (error) {
        // Two processes racing to create the same bucket is fine.
        if ((error as { code?: string }).code !== 'BucketAlreadyOwnedByYou') throw error;
      }
    }
  }
  return created;
}
