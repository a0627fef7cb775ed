import { Kafka, logLevel, type logCreator } from 'kafkajs';
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
