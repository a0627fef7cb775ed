import { ENVELOPE_FIELDS } from '@spotify-insights/schemas';

/**
 * One line of a raw NDJSON object: where the record came from, the typed fields our
 * producer derived, and the API item exactly as Spotify returned it.
 */
export interface RawLine {
  envelope: {
    user_id: string;
    fetched_at: number;
    endpoint: string;
    run_id: string;
    topic: string;
    partition: number;
    offset: string;
    schema_id: number;
  };
  /** The record's typed fields (everything except the envelope and the item). */
  fields: Record<string, unknown>;
  /** The parsed item_json; null when the record carries none. */
  item: unknown;
}

export interface DecodedRecord {
  offset: string;
  schemaId: number;
  value: Record<string, unknown>;
  /** value.item_json as itemJsonText gives it, when the consumer already checked it. */
  itemJson?: string;
}

const ENVELOPE = new Set<string>(ENVELOPE_FIELDS);

/**
 * A record's item_json as it goes into the line: the text itself when it is JSON on one
 * line (what every producer writes), else the same value written on one line. Throws
 * when it is not JSON: the consumer dead-letters the record.
 */
export function itemJsonText(itemJson: unknown): string {
  if (typeof itemJson !== 'string') return 'null';
  const parsed: unknown = JSON.parse(itemJson);
  return itemJson.includes('\n') || itemJson.includes('\r') ? JSON.stringify(parsed) : itemJson;
}

/**
 * The record as one NDJSON line (RawLine's shape, without the newline). The item goes in
 * as the text the producer sent (checked by itemJsonText), not parsed and written again:
 * that was a quarter of the consumer's time.
 */
export function rawLineText(topic: string, partition: number, record: DecodedRecord): string {
  const { value } = record;
  const fields: Record<string, unknown> = {};
  for (const key in value) if (!ENVELOPE.has(key)) fields[key] = value[key];
  const head = JSON.stringify({
    envelope: {
      user_id: String(value.user_id),
      fetched_at: Number(value.fetched_at),
      endpoint: String(value.endpoint),
      run_id: String(value.run_id),
      topic,
      partition,
      offset: record.offset,
      schema_id: record.schemaId,
    },
    fields,
  });
  const item = record.itemJson ?? itemJsonText(value.item_json);
  return `${head.slice(0, -1)},"item":${item}}`;
}
