import type { StackService } from '../service.ts';
import { kafkaService } from './kafka.ts';
import { minioService } from './minio.ts';
import { postgresService } from './postgres.ts';
import { schemaRegistryService } from './schema-registry.ts';

/** The local stack, in the order status lists it. */
export const STACK_SERVICES: readonly StackService[] = [
  postgresService,
  kafkaService,
  schemaRegistryService,
  minioService,
];
