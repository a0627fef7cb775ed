import type { IHeaders, Message, Producer } from 'kafkajs';
import { chunksOf } from '../raw/chunking.ts';

export interface SendChunkLimits {
  maxRecords: number;
  /** Estimated bytes (value, key, headers and per-record framing) of one send. */
  maxBytes: number;
}

/*
 * Why chunks: kafkajs writes one record batch per partition per send, a user's records
 * all share a partition (key = user id), and the broker refuses a batch above the topic's
 * max.message.bytes (1 MiB by default). 4,000 plays of 2.5 KB in one send is 10 MB. The
 * byte limit leaves room for Kafka's own framing; the record limit bounds memory per send.
 */
export const DEFAULT_SEND_CHUNK_LIMITS: SendChunkLimits = {
  maxRecords: 2_000,
  maxBytes: 896 * 1024,
};

/** Varints, timestamp and offset deltas of one record in a v2 batch: at most about this much. */
const RECORD_FRAMING_BYTES = 24;

function lengthOf(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

function headersLength(headers: IHeaders | undefined): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(headers ?? {})) {
    bytes += Buffer.byteLength(key) + 2;
    for (const v of Array.isArray(value) ? value : [value]) bytes += lengthOf(v);
  }
  return bytes;
}

/** About how many bytes a message takes in a record batch. */
export function approximateMessageSize(message: Message): number {
  return (
    lengthOf(message.value) +
    lengthOf(message.key) +
    headersLength(message.headers) +
    RECORD_FRAMING_BYTES
  );
}

/**
 * Sends messages in order, one chunk after the other, each acknowledged by all in-sync
 * replicas before the next goes. `messages` may be lazy (values encoded as they are
 * pulled): only the chunk in flight is then held in memory, and encoding the next chunk
 * overlaps other senders' waits. Resolves once every chunk is acknowledged; a failure
 * leaves the earlier chunks in Kafka (at-least-once: the caller has not stored its
 * checkpoint, so the next run sends them again and the transform drops the duplicates).
 */
export async function sendInChunks(
  producer: Producer,
  topic: string,
  messages: Iterable<Message>,
  limits: SendChunkLimits = DEFAULT_SEND_CHUNK_LIMITS,
): Promise<void> {
  const chunks = chunksOf(messages, approximateMessageSize, limits.maxRecords, limits.maxBytes);
  for (const chunk of chunks) await producer.send({ topic, acks: -1, messages: chunk });
}
