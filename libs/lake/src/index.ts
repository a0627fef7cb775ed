export { LAKE_BUCKETS, type LakeBucket } from './buckets.ts';
export { createLakeClient, ensureLakeBuckets } from './lake-client.ts';
export { listObjectKeys, readObjectText, removeBucketAndObjects } from './lake-objects.ts';
export { fromNdjson, toNdjson } from './ndjson.ts';
export {
  parseRawObjectKey,
  rawObjectKey,
  type ParsedRawKey,
  type RawBatchLocation,
} from './raw-object-key.ts';
