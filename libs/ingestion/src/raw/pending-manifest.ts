import type { Client } from 'minio';
import { LAKE_BUCKETS, readObjectText } from '@spotify-insights/lake';

/*
 * Why a manifest: a consumer writes a chunk's objects, then commits the offsets. If it
 * dies in between, Kafka redelivers from the last commit, and the new chunk may end at a
 * different offset than the lost one, so its object names differ and the old objects
 * would duplicate records. Before writing, the consumer records which keys it is about
 * to write; whoever processes that partition next deletes them if their offsets were
 * never committed, then writes the redelivered records again. Raw ends with every
 * record exactly once.
 */

export interface PendingManifest {
  topic: string;
  partition: number;
  /** The first and last offset of the chunk being written. */
  firstOffset: string;
  lastOffset: string;
  keys: string[];
  writtenAt: string;
}

/** Control objects live under `_control/` in the raw bucket, beside (not among) the topic folders. */
export function manifestKey(groupId: string, topic: string, partition: number): string {
  return `_control/pending/${encodeURIComponent(groupId)}/${topic}/${partition}.json`;
}

export async function writeManifest(
  lake: Client,
  groupId: string,
  manifest: PendingManifest,
): Promise<void> {
  const body = JSON.stringify(manifest);
  await lake.putObject(
    LAKE_BUCKETS.raw,
    manifestKey(groupId, manifest.topic, manifest.partition),
    body,
    undefined,
    {
      'Content-Type': 'application/json',
    },
  );
}

export async function readManifest(
  lake: Client,
  groupId: string,
  topic: string,
  partition: number,
): Promise<PendingManifest | undefined> {
  try {
    const text = await readObjectText(
      lake,
      LAKE_BUCKETS.raw,
      manifestKey(groupId, topic, partition),
    );
    return JSON.parse(text) as PendingManifest;
  } catch (error) {
    if ((error as { code?: string }).code === 'NoSuchKey') return undefined;
    throw error;
  }
}

/**
 * Deletes the objects of a chunk whose offsets were never committed. `nextOffset` is
 * where consumption resumes (the committed offset). Returns the keys removed.
 */
export async function discardUncommitted(
  lake: Client,
  manifest: PendingManifest | undefined,
  nextOffset: string,
): Promise<string[]> {
  if (!manifest || BigInt(manifest.lastOffset) < BigInt(nextOffset)) return [];
  if (manifest.keys.length > 0) await lake.removeObjects(LAKE_BUCKETS.raw, manifest.keys);
  return manifest.keys;
}

/**
 * Removes a partition's manifest once its chunk is committed, so that what remains under
 * `_control/pending/` is exactly the chunks not yet committed: the transform leaves their
 * objects alone until they are. (Should a consumer die between the commit and this call,
 * the stale manifest names committed objects; the partition's next chunk replaces it.)
 */
export async function clearManifest(
  lake: Client,
  groupId: string,
  topic: string,
  partition: number,
): Promise<void> {
  await lake.removeObject(LAKE_BUCKETS.raw, manifestKey(groupId, topic, partition));
}
