export { createIdempotentProducer, createKafka } from './kafka-client.ts';
export {
  createSchemaRegistry,
  readWireHeader,
  registerValueSchema,
  valueSubject,
} from './schema-registry.ts';
export {
  StreamingError,
  STREAMING_ERROR_CODES,
  type StreamingErrorCode,
} from './streaming-error.ts';
export { DEFAULT_TOPIC_SETTINGS, ensureTopics, type TopicSpec } from './topics.ts';
export { consumerGroupLag, type GroupLag } from './consumer-lag.ts';
