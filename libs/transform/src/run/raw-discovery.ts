import type { Knex } from 'knex';
import type { Client } from 'minio';
import { parseRawObjectKey, readObjectText } from '@spotify-insights/lake';

export interface RawObjectRef {
  key: string;
  etag: string;
  size: number;
  topic: string;
  /** The object's `date=` partition (UTC day of the records). */
  date: string;
}

export interface DateRange {
  from: string;
  to: string;
}

export interface Discovery {
  objects: RawObjectRef[];
  /** Objects of chunks the consumers have not committed yet: left for a later run. */
  pending: number;
}

/** Topics the transform reads: the Spotify sources and (later) imports, not pipeline.*. */
const isSourceTopic = (topic: string) => topic.startsWith('spotify.') && !topic.endsWith('.dlq');

async function listRawObjects(lake: Client, bucket: string): Promise<RawObjectRef[]> {
  const objects: RawObjectRef[] = [];
  for await (const item of lake.listObjectsV2(bucket, '', true)) {
    if (!item.name || item.name.startsWith('_control/')) continue;
    const parsed = parseRawObjectKey(item.name);
    if (!parsed || !isSourceTopic(parsed.topic)) continue;
    objects.push({
      key: item.name,
      etag: String(item.etag ?? ''),
      size: Number(item.size ?? 0),
      topic: parsed.topic,
      date: parsed.date,
    });
  }
  return objects.sort((a, b) => a.key.localeCompare(b.key));
}

/** Keys named by the consumers' manifests: written, not yet committed (see libs/ingestion). */
async function pendingRawKeys(lake: Client, bucket: string): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const item of lake.listObjectsV2(bucket, '_control/pending/', true)) {
    if (!item.name) continue;
    try {
      const manifest = JSON.parse(await readObjectText(lake, bucket, item.name)) as {
        keys?: string[];
      };
      for (const key of manifest.keys ?? []) keys.add(key);
    } catch (error) {
      // Removed between the listing and the read: its chunk was just committed.
      if ((error as { code?: string }).code !== 'NoSuchKey') throw error;
    }
  }
  return keys;
}

/**
 * The raw objects a run takes in: every committed object whose (key, ETag) no successful
 * run recorded in app.transform_raw_objects — so nothing is processed twice, nothing is
 * skipped, and an object rewritten with other content is taken again. A backfill takes
 * every committed object of its date range, recorded or not (loading is idempotent).
 */
export async function discoverRawObjects(
  lake: Client,
  rawBucket: string,
  db: Knex,
  backfill?: DateRange,
): Promise<Discovery> {
  const [all, pendingKeys] = await Promise.all([
    listRawObjects(lake, rawBucket),
    pendingRawKeys(lake, rawBucket),
  ]);
  const committed = all.filter((o) => !pendingKeys.has(o.key));
  const pending = all.length - committed.length;
  if (backfill) {
    return {
      objects: committed.filter((o) => o.date >= backfill.from && o.date <= backfill.to),
      pending,
    };
  }
  const seen = new Map<string, string>();
  const rows = await db('app.transform_raw_objects').select('object_key', 'etag');
  for (const row of rows as Array<{ object_key: string; etag: string }>)
    seen.set(row.object_key, row.etag);
  return { objects: committed.filter((o) => seen.get(o.key) !== o.etag), pending };
}

/** Marks objects as taken in by a successful run. */
export async function recordRawObjects(
  db: Knex,
  runId: string,
  objects: readonly RawObjectRef[],
): Promise<void> {
  const rows = objects.map((o) => ({
    object_key: o.key,
    etag: o.etag,
    size: o.size,
    run_id: runId,
  }));
  for (let i = 0; i < rows.length; i += 1000)
    await db('app.transform_raw_objects')
      .insert(rows.slice(i, i + 1000))
      .onConflict('object_key')
      .merge(['etag', 'size', 'run_id', 'processed_at']);
}
