import type { Message, Producer, ProducerRecord } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { approximateMessageSize, sendInChunks } from './send-in-chunks.ts';

/** Records what would be sent; the broker side is covered by the integration tests. */
function recordingProducer() {
  const sends: ProducerRecord[] = [];
  const producer = {
    send: async (record: ProducerRecord) => {
      sends.push(record);
      return [];
    },
  } as unknown as Producer;
  return { producer, sends };
}

const message = (i: number, valueBytes: number): Message => ({
  key: 'user-1',
  value: Buffer.alloc(valueBytes, i),
  headers: { run_id: 'run-1' },
});

describe('approximateMessageSize', () => {
  it('counts value, key, headers and per-record framing', () => {
    const size = approximateMessageSize({
      key: 'abc',
      value: Buffer.alloc(100),
      headers: { h: 'xy', multi: ['a', Buffer.alloc(3)] },
    });
    // 100 value + 3 key + (1 + 2 + 2) + (5 + 2 + 1 + 3) header bytes + 24 framing
    expect(size).toBe(143);
  });

  it('counts strings in UTF-8 bytes and tolerates missing parts', () => {
    expect(approximateMessageSize({ value: 'é' })).toBe(2 + 24);
    expect(approximateMessageSize({ value: null })).toBe(24);
  });
});

describe('sendInChunks', () => {
  it('sends every message once, in order, in chunks within both limits, acks from all', async () => {
    const { producer, sends } = recordingProducer();
    // Each message: 1000 value + 6 key + 13 header + 24 framing = 1043 bytes.
    const messages = Array.from({ length: 25 }, (_, i) => message(i, 1000));

    await sendInChunks(producer, 'topic-a', messages, { maxRecords: 10, maxBytes: 4 * 1043 });

    expect(sends.every((s) => s.topic === 'topic-a' && s.acks === -1)).toBe(true);
    expect(sends.flatMap((s) => s.messages)).toEqual(messages);
    expect(sends.map((s) => s.messages.length)).toEqual([4, 4, 4, 4, 4, 4, 1]);
    for (const send of sends) {
      const bytes = send.messages.reduce((n, m) => n + approximateMessageSize(m), 0);
      expect(bytes).toBeLessThanOrEqual(4 * 1043);
    }
  });

  it('cuts by record count when messages are small', async () => {
    const { producer, sends } = recordingProducer();
    await sendInChunks(
      producer,
      't',
      Array.from({ length: 5 }, (_, i) => message(i, 1)),
      { maxRecords: 2, maxBytes: 1_000_000 },
    );
    expect(sends.map((s) => s.messages.length)).toEqual([2, 2, 1]);
  });

  it('pulls a lazy source one chunk at a time, so only the chunk in flight is held', async () => {
    const pulled: number[] = [];
    const pulledAtSend: number[] = [];
    const producer = {
      send: async () => {
        pulledAtSend.push(pulled.length);
        return [];
      },
    } as unknown as Producer;
    function* lazy() {
      for (let i = 0; i < 7; i++) {
        pulled.push(i);
        yield message(i, 10);
      }
    }
    await sendInChunks(producer, 't', lazy(), { maxRecords: 3, maxBytes: 1_000_000 });
    // Each chunk goes once its next message is known not to fit (or the source ended).
    expect(pulledAtSend).toEqual([4, 7, 7]);
  });

  it('sends nothing for nothing', async () => {
    const { producer, sends } = recordingProducer();
    await sendInChunks(producer, 't', []);
    expect(sends).toEqual([]);
  });

  it('stops at the first chunk Kafka refuses, so the caller keeps its checkpoint', async () => {
    let calls = 0;
    const producer = {
      send: async () => {
        calls++;
        if (calls === 2) throw new Error('MESSAGE_TOO_LARGE');
        return [];
      },
    } as unknown as Producer;
    const messages = Array.from({ length: 6 }, (_, i) => message(i, 10));
    await expect(
      sendInChunks(producer, 't', messages, { maxRecords: 2, maxBytes: 1_000_000 }),
    ).rejects.toThrow('MESSAGE_TOO_LARGE');
    expect(calls).toBe(2);
  });
});
