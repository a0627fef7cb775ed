import { rawObjectKey } from '@spotify-insights/lake';
import { rawLineText, type DecodedRecord } from './raw-line.ts';

export interface RawObject {
  key: string;
  body: string;
  records: number;
}

/**
 * Splits one chunk of a partition into the objects of the raw layout: one per
 * (user, fetch day), named by the offsets of that user's first and last record in the
 * chunk. The same chunk always yields the same names.
 */
export function rawObjectsFor(
  topic: string,
  partition: number,
  records: readonly DecodedRecord[],
): RawObject[] {
  const groups = new Map<string, DecodedRecord[]>();
  for (const record of records) {
    const day = new Date(Number(record.value.fetched_at)).toISOString().slice(0, 10);
    const group = `${String(record.value.user_id)}\u0000${day}`;
    const list = groups.get(group);
    if (list) list.push(record);
    else groups.set(group, [record]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const last = group[group.length - 1]!;
    return {
      key: rawObjectKey({
        topic,
        userId: String(first.value.user_id),
        date: new Date(Number(first.value.fetched_at)),
        partition,
        firstOffset: first.offset,
        lastOffset: last.offset,
      }),
      body: group.map((r) => `${rawLineText(topic, partition, r)}\n`).join(''),
      records: group.length,
    };
  });
}
