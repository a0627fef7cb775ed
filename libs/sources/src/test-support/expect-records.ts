import { avroType, recordProblems, type SourceName } from '@spotify-insights/schemas';
import { expect } from 'vitest';

/**
 * The checks every source test makes: each record fits its Avro schema, and item_json
 * parses back to exactly the item the client returned.
 */
export function expectValidRecords(
  source: SourceName,
  records: readonly { item_json: string }[],
  items: readonly unknown[],
): void {
  const type = avroType(source);
  for (const record of records) expect(recordProblems(type, record)).toEqual([]);
  expect(records.map((record) => JSON.parse(record.item_json) as unknown)).toEqual(items);
}

/** The envelope every record of one fetch shares. */
export function expectEnvelope(
  records: readonly object[],
  expected: { user_id: string; fetched_at: number; endpoint: string; run_id: string },
): void {
  for (const record of records) expect(record).toMatchObject(expected);
}
