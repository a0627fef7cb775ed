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
}

const ENVELOPE = new Set<string>(ENVELOPE_FIELDS);

export function toRawLine(topic: string, partition: number, record: DecodedRecord): RawLine {
  const { value } = record;
  const fields = Object.fromEntries(Object.entries(value).filter(([k]) => !ENVELOPE.has(k)));
  return {
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
    item: typeof value.item_json === 'string' ? (JSON.parse(value.item_json) as unknown) : null,
  };
}
