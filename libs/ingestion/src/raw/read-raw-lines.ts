import type { Client } from 'minio';
import { fromNdjson, LAKE_BUCKETS, listObjectKeys, readObjectText } from '@spotify-insights/lake';
import type { RawLine } from './raw-line.ts';

/** Every line landed for a topic, with the key of the object it is in. */
export async function readRawLines(
  lake: Client,
  topic: string,
  keep: (key: string) => boolean = () => true,
): Promise<Array<{ key: string; line: RawLine }>> {
  const out: Array<{ key: string; line: RawLine }> = [];
  for (const key of await listObjectKeys(lake, LAKE_BUCKETS.raw, `${topic}/`)) {
    if (!keep(key)) continue;
    for (const line of fromNdjson<RawLine>(await readObjectText(lake, LAKE_BUCKETS.raw, key)))
      out.push({ key, line });
  }
  return out;
}
