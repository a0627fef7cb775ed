import type { Kafka, Producer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { RenewableProducer } from './renewable-producer.ts';

/*
 * The renewal logic only; that a renewed producer really avoids the lost-batch case is
 * shown against a real broker stopped and restarted (apps/cli broker-restart test).
 */
function fakeKafka(connectFailures = 0) {
  const made: Array<{ id: number; disconnected: boolean }> = [];
  let failuresLeft = connectFailures;
  const kafka = {
    producer: () => {
      const state = { id: made.length, disconnected: false };
      made.push(state);
      return {
        state,
        connect: async () => {
          if (state.id > 0 && failuresLeft-- > 0) throw new Error('broker away');
        },
        disconnect: async () => {
          state.disconnected = true;
        },
      } as unknown as Producer;
    },
  } as unknown as Kafka;
  return { kafka, made };
}

const idOf = (producer: Producer) => (producer as unknown as { state: { id: number } }).state.id;

describe('RenewableProducer', () => {
  it('replaces a failed producer once, however many sends saw it fail', async () => {
    const { kafka, made } = fakeKafka();
    const renewable = await RenewableProducer.connect(kafka);
    const first = await renewable.get();
    await Promise.all([renewable.renew(first), renewable.renew(first), renewable.renew(first)]);
    const second = await renewable.get();
    expect(idOf(second)).toBe(1);
    expect(made).toEqual([
      { id: 0, disconnected: true },
      { id: 1, disconnected: false },
    ]);
    // A late failure report about the old producer changes nothing.
    await renewable.renew(first);
    expect(idOf(await renewable.get())).toBe(1);
  });

  it('tries again on the next get when the new producer could not connect', async () => {
    const { kafka } = fakeKafka(1);
    const renewable = await RenewableProducer.connect(kafka);
    await renewable.renew(await renewable.get()).catch(() => undefined);
    expect(idOf(await renewable.get())).toBe(2);
    await renewable.disconnect();
  });
});
