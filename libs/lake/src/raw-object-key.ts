/*
 * Object keys in the raw bucket, Hive-style so engines can prune by user and day:
 *   <topic>/user_id=<id>/date=<YYYY-MM-DD>/<partition>-<firstOffset>-<lastOffset>.ndjson
 * The name depends only on where the batch sits in Kafka, so a batch delivered twice
 * overwrites the same object instead of duplicating it.
 */

export interface RawBatchLocation {
  topic: string;
  userId: string;
  /** The day the records were fetched, UTC. */
  date: Date;
  partition: number;
  firstOffset: string;
  lastOffset: string;
}

const DIGITS = /^\d+$/;

export function rawObjectKey(location: RawBatchLocation): string {
  const { topic, userId, date, partition, firstOffset, lastOffset } = location;
  if (!DIGITS.test(firstOffset) || !DIGITS.test(lastOffset)) {
    throw new Error(`offsets must be decimal strings, got ${firstOffset}-${lastOffset}`);
  }
  if (BigInt(firstOffset) > BigInt(lastOffset)) {
    throw new Error(`first offset ${firstOffset} is after last offset ${lastOffset}`);
  }
  const day = date.toISOString().slice(0, 10);
  return `${topic}/user_id=${encodeURIComponent(userId)}/date=${day}/${partition}-${firstOffset}-${lastOffset}.ndjson`;
}

export interface ParsedRawKey {
  topic: string;
  userId: string;
  date: string;
  partition: number;
  firstOffset: string;
  lastOffset: string;
}

const RAW_KEY =
  /^(?<topic>[^/]+)\/user_id=(?<user>[^/]+)\/date=(?<date>\d{4}-\d{2}-\d{2})\/(?<partition>\d+)-(?<first>\d+)-(?<last>\d+)\.ndjson$/;

export function parseRawObjectKey(key: string): ParsedRawKey | undefined {
  const groups = RAW_KEY.exec(key)?.groups;
  if (!groups) return undefined;
  return {
    topic: groups.topic!,
    userId: decodeURIComponent(groups.user!),
    date: groups.date!,
    partition: Number(groups.partition),
    firstOffset: groups.first!,
    lastOffset: groups.last!,
  };
}
