import { Kafka, logLevel, Partitioners, type logCreator, type Producer } from 'kafkajs';
import type { AppConfig } from '@spotify-insights/config';
import type { Logger } from '@spotify-insights/logging';

const LEVEL_NAMES: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Routes kafkajs' own log lines into our structured logger. */
function kafkaLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, ...fields } = log;
      const name = LEVEL_NAMES[level];
      if (name) logger[name](`kafkajs: ${message}`, fields);
    };
}

/** One Kafka client per process; producers, consumers and the admin come from it. */
export function createKafka(kafka: AppConfig['kafka'], logger?: Logger): Kafka {
  return new Kafka({
    clientId: kafka.clientId,
    brokers: kafka.brokers,
    connectionTimeout: 5_000,
    logLevel: logger ? logLevel.WARN : logLevel.NOTHING,
    ...(logger ? { logCreator: kafkaLogCreator(logger) } : {}),
  });
}

/**
 * The producer every app uses: idempotent with acks=all semantics (a retried send is
 * never written twice) and one request in flight, which keeps each key's records in
 * order. The partitioner is Kafka's default (murmur2), named so kafkajs does not warn.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
