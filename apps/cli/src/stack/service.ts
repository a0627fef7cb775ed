import type { AppConfig } from '@spotify-insights/config';
import type { ServicePaths } from './paths.ts';

export interface ServiceContext {
  config: AppConfig;
  paths: ServicePaths;
  /** Progress line for a person watching `stack up`. */
  progress: (message: string) => void;
}

export interface Endpoint {
  label: string;
  url: string;
}

/**
 * One real server of the local stack. Each implementation knows how to obtain itself
 * from its own ecosystem's registry (cached), start detached, tell whether it is healthy,
 * and do the setup our apps rely on once it is up (databases, buckets).
 */
export interface StackService {
  readonly name: string;
  /** Services that must be healthy before this one starts. */
  readonly dependsOn: readonly string[];
  /** The signal that makes this server shut down cleanly and promptly. */
  readonly stopSignal: NodeJS.Signals;
  describe(config: AppConfig): string;
  ports(config: AppConfig): number[];
  endpoints(config: AppConfig): Endpoint[];
  /** Downloads/builds what is missing; a no-op when the cache is complete. */
  install(ctx: ServiceContext): Promise<void>;
  /** Starts the server (detached) and returns its pid; readiness is checked separately. */
  start(ctx: ServiceContext): Promise<number>;
  isHealthy(ctx: ServiceContext): Promise<boolean>;
  /** Idempotent setup once healthy: databases, buckets, defaults. */
  afterStart?(ctx: ServiceContext): Promise<void>;
  /** Start-up budget; JVM servers need longer on a 2-core machine. */
  readonly startTimeoutMs: number;
}
