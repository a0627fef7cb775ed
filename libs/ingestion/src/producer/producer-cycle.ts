import avro from 'avsc';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Message, Producer } from 'kafkajs';
import type { Logger } from '@spotify-insights/logging';
import { avroType, recordProblems, sourceTopic } from '@spotify-insights/schemas';
import type { AnySourceDefinition } from '@spotify-insights/sources';
import { isSpotifyError, type SpotifyClient } from '@spotify-insights/spotify';
import { deadLetterTopicOf } from '../topic-specs.ts';
import { RenewableProducer } from './renewable-producer.ts';
import { sendInChunks } from './send-in-chunks.ts';
import { assertRegisteredSchema, wireValues } from './wire-encoder.ts';

/** Any of the eight source definitions of libs/sources. */
export type ProducibleSource = AnySourceDefinition;

export interface CheckpointStore {
  get<T>(source: string, userId: string): Promise<T | undefined>;
  set(source: string, userId: string, checkpoint: unknown, runId: string): Promise<void>;
}

export interface ProducerCycleDeps {
  source: ProducibleSource;
  client: SpotifyClient;
  /**
   * Connected, idempotent (createIdempotentProducer), or a RenewableProducer, which is
   * replaced after a failed send (see renewable-producer.ts for why that matters).
   */
  producer: Producer | RenewableProducer;
  registry: SchemaRegistry;
  /**
   * The id under which the value schema is registered (at start). Values are encoded
   * with the local schema; the cycle checks the id names it.
   */
  schemaId: number;
  /**
   * The value schema, when the deployment's differs from `schemas/<schemaName>.avsc`
   * (a newer version rolled out before the source file changed, as in a schema upgrade).
   */
  valueSchema?: object;
  checkpoints: CheckpointStore;
  users: readonly string[];
  runId: string;
  /** Where to send; the source's own topic unless a test or benchmark needs its own. */
  topic?: string;
  logger: Logger;
  now?: () => Date;
  /** Queues the catalogue ids the sent records reference (see CatalogueEnricher). */
  catalogue?: { note(records: readonly object[]): Promise<void> };
}

export type UserOutcomeStatus = 'ok' | 'needs-reconnect' | 'rate-limited' | 'failed';

export interface UserOutcome {
  userId: string;
  status: UserOutcomeStatus;
  sent: number;
  deadLettered: number;
  error?: string;
  retryAt?: string;
}

/**
 * One cycle of one source for every connected user: fetch through the shared client,
 * validate each record against its Avro schema, send the valid ones (key = user id,
 * acks from all replicas, in chunks the broker accepts), dead-letter the invalid ones
 * with the reason, and only then store the checkpoint. A user who must reconnect, or a
 * failure for one user, never stops the others.
 */
export async function runProducerCycle(deps: ProducerCycleDeps): Promise<UserOutcome[]> {
  const { source, logger } = deps;
  const topic = deps.topic ?? sourceTopic(source.name);
  const type = deps.valueSchema
    ? avro.Type.forSchema(deps.valueSchema as avro.Schema)
    : avroType(source.schemaName);
  const now = deps.now ?? (() => new Date());
  // Values are encoded with the local schema; once per cycle (the registry client caches
  // it), check the id names that same schema. A failure fails each user like any other.
  let schemaChecked: Promise<void> | undefined;
  const checkSchema = () =>
    (schemaChecked ??= deps.registry
      .getSchema(deps.schemaId)
      .then((registered) => assertRegisteredSchema(type, registered, deps.schemaId)));

  const currentProducer = (): Promise<Producer> =>
    deps.producer instanceof RenewableProducer
      ? deps.producer.get()
      : Promise.resolve(deps.producer);
  /** Sends, and renews a renewable producer that failed to (the error still propagates). */
  const send = async (target: string, messages: Iterable<Message>): Promise<void> => {
    const producer = await currentProducer();
    try {
      await sendInChunks(producer, target, messages);
    } catch (error) {
      if (deps.producer instanceof RenewableProducer)
        await deps.producer.renew(producer).catch(() => undefined);
      throw error;
    }
  };

  const forUser = async (userId: string): Promise<UserOutcome> => {
    const log = logger.child({ userId, topic, runId: deps.runId });
    try {
      const checkpoint = await deps.checkpoints.get(source.name, userId);
      const fetchedAt = now();
      const result = await source.fetch({
        client: deps.client,
        userId,
        checkpoint,
        runId: deps.runId,
        now: fetchedAt,
      });
      const headers = {
        run_id: deps.runId,
        endpoint: source.endpoint,
        fetched_at: String(fetchedAt.getTime()),
      };

      const valid: object[] = [];
      const invalid: Array<{ record: object; reason: string }> = [];
      for (const record of result.records) {
        const problems = recordProblems(type, record);
        if (problems.length === 0) valid.push(record);
        else
          invalid.push({
            record,
            reason: problems.map((p) => `${p.path}: ${p.message}`).join('; '),
          });
      }

      if (valid.length > 0) {
        await checkSchema();
        // Encoded as each chunk is filled, not all up front: a user with thousands of
        // records holds one chunk of values at a time.
        const messages = (function* () {
          for (const value of wireValues(type, deps.schemaId, valid))
            yield { key: userId, value, headers };
        })();
        await send(topic, messages);
      }
      if (invalid.length > 0) {
        await send(
          deadLetterTopicOf(topic),
          invalid.map(({ record, reason }) => ({
            key: userId,
            // Not Avro: the record did not fit the schema. JSON keeps it readable as sent.
            value: JSON.stringify(record),
            headers: { ...headers, dlq_reason: reason, dlq_source_topic: topic },
          })),
        );
        log.warn('records failed validation and went to the dead-letter topic', {
          count: invalid.length,
        });
      }
      // Only now, with Kafka's acknowledgement, does the next run start after these records.
      await deps.checkpoints.set(source.name, userId, result.checkpoint, deps.runId);
      // Enrichment is a nicety: the records are sent and checkpointed whatever happens here.
      await deps.catalogue?.note(valid).catch((error: unknown) => {
        log.warn('could not queue catalogue ids', { error });
      });
      log.info('fetched and sent', { sent: valid.length, deadLettered: invalid.length });
      return { userId, status: 'ok', sent: valid.length, deadLettered: invalid.length };
    } catch (error) {
      if (isSpotifyError(error, 'NEEDS_RECONNECT')) {
        log.warn('skipped: the user must reconnect Spotify');
        return { userId, status: 'needs-reconnect', sent: 0, deadLettered: 0 };
      }
      if (isSpotifyError(error, 'RATE_LIMITED') || isSpotifyError(error, 'QUOTA_EXCEEDED')) {
        const retryAt = (error as { retryAt?: Date }).retryAt?.toISOString();
        log.warn('skipped: Spotify asked the app to pause', { retryAt });
        return {
          userId,
          status: 'rate-limited',
          sent: 0,
          deadLettered: 0,
          ...(retryAt ? { retryAt } : {}),
        };
      }
      log.error('cycle failed for this user', { error });
      return {
        userId,
        status: 'failed',
        sent: 0,
        deadLettered: 0,
        error: (error as Error).message,
      };
    }
  };

  return Promise.all(deps.users.map(forUser));
}
