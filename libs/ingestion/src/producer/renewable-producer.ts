import type { Kafka, Producer } from 'kafkajs';
import { createIdempotentProducer } from '@spotify-insights/streaming';

/*
 * Why renew: an idempotent producer numbers its batches per partition. When a send fails
 * because the broker went away, a batch may have been written even though its
 * acknowledgement was lost; kafkajs then reuses that batch's sequence number for the
 * next batch, which the restarted broker answers as a duplicate, and kafkajs takes that
 * answer for success: the next batch is silently lost. (Kafka's own client documents the
 * remedy: after such an error, only a new producer instance is safe.) A new producer has
 * a new producer id and fresh sequence numbers, so nothing it sends is mistaken for an
 * earlier batch; the failed user's records are sent again by the next cycle.
 */
export class RenewableProducer {
  readonly #kafka: Kafka;
  #current: Promise<Producer>;

  private constructor(kafka: Kafka, first: Promise<Producer>) {
    this.#kafka = kafka;
    this.#current = first;
  }

  static async connect(kafka: Kafka): Promise<RenewableProducer> {
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    return new RenewableProducer(kafka, Promise.resolve(producer));
  }

  /**
   * The producer to send with now. If the last new one could not connect (the broker was
   * still away), this tries again with another, once for all callers waiting.
   */
  get(): Promise<Producer> {
    const current = this.#current;
    return current.catch(() => {
      if (this.#current === current) this.#current = this.#fresh();
      return this.#current;
    });
  }

  /**
   * Replaces `failed` with a new producer, once, however many sends saw it fail; sends
   * that ask afterwards get the new one.
   */
  renew(failed: Producer): Promise<Producer> {
    const current = this.#current;
    this.#current = current.then(
      async (producer) => {
        if (producer !== failed) return producer;
        await failed.disconnect().catch(() => undefined);
        return this.#fresh();
      },
      () => this.#fresh(),
    );
    // A failure to connect is reported by the next get(), not here.
    this.#current.catch(() => undefined);
    return this.#current;
  }

  async #fresh(): Promise<Producer> {
    const next = createIdempotentProducer(this.#kafka);
    await next.connect();
    return next;
  }

  async disconnect(): Promise<void> {
    const producer = await this.#current.catch(() => undefined);
    await producer?.disconnect();
  }
}
